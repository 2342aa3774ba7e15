-- incrementeel: maand
-- Which delivered row counts: per signaal_id the first delivery (by month folder, file, row)
-- is accepted; a later delivery with the same content is a duplicate; a later delivery with
-- different content is a conflict and is quarantined. Independent of ingestion order.
-- `maand` is the row's signal month. The run's rows are matched against every delivery of the
-- same signaal_id (any month): an index lookup, no window over all rows.
with run_rijen as (
    select partitie, bestand, rij, signaal_id, maand, inhoud_hash
    from stg_signalen
    where maand >= getvariable('vanaf')
),

run_ids as (
    select distinct signaal_id from run_rijen
),

eerste_leveringen as (
    -- per signaal_id of the run: its first delivery over every month
    select
        signaal_id,
        arg_min(inhoud_hash, (partitie, bestand, rij)) as eerste_inhoud_hash,
        min((partitie, bestand, rij)) as eerste_levering,
    from stg_signalen
    semi join run_ids using (signaal_id)
    group by signaal_id
),

final as (
    select
        run_rijen.partitie,
        run_rijen.bestand,
        run_rijen.rij,
        run_rijen.signaal_id,
        run_rijen.maand,
        case
            when (run_rijen.partitie, run_rijen.bestand, run_rijen.rij) = eerste.eerste_levering then 'geaccepteerd'
            when run_rijen.inhoud_hash = eerste.eerste_inhoud_hash then 'duplicaat'
            else 'quarantaine'
        end as levering,
        case
            when (run_rijen.partitie, run_rijen.bestand, run_rijen.rij) <> eerste.eerste_levering
                and run_rijen.inhoud_hash <> eerste.eerste_inhoud_hash
                then 'signaal_id: eerder geleverd met een andere inhoud'
        end as reden,
    from run_rijen
    inner join eerste_leveringen as eerste using (signaal_id)
)

select * from final
