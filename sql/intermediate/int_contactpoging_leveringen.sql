-- incrementeel: maand
-- Which contact-attempt rows count: the first delivery of identical content is accepted, a
-- later identical one is a duplicate; an attempt for a melding_id the pipeline never issued,
-- or dated before the melding's month, is quarantined with its reason. `maand` is the month of
-- the melding, as its id says (<gemeentecode>-<YYYYMM>-<hash>; the folder month when the id
-- says nothing): identical attempts share it, so duplicates are found within the month.
with rijen as (
    select
        *,
        coalesce(cast(try_strptime(split_part(melding_id, '-', 2), '%Y%m') as date), partitie) as maand,
    from int_contactpoging_rijen
),

run_rijen as (
    select * from rijen where maand >= getvariable('vanaf')
),

kandidaten as (
    select melding_id, maand as melding_maand from int_melding_kandidaten where maand >= getvariable('vanaf')
),

geordend as (
    select
        run_rijen.partitie,
        run_rijen.bestand,
        run_rijen.rij,
        run_rijen.maand,
        run_rijen.melding_id,
        kandidaten.melding_maand,
        run_rijen.contactdatum,
        run_rijen.zaak_signaal_id,
        row_number() over (partition by run_rijen.inhoud_hash order by run_rijen.partitie, run_rijen.bestand, run_rijen.rij)
            as levering_volgnummer,
    from run_rijen
    left join kandidaten using (melding_id)
),

final as (
    select
        partitie,
        bestand,
        rij,
        maand,
        case
            when melding_maand is null then 'quarantaine'
            when contactdatum < melding_maand then 'quarantaine'
            when levering_volgnummer = 1 then 'geaccepteerd'
            else 'duplicaat'
        end as levering,
        case
            when melding_maand is null and zaak_signaal_id is not null
                then 'vroegsignalen: de vroegsignaalzaak hoort bij geen melding (haar signaal is niet opgepakt)'
            when melding_maand is null then 'melding_id: onbekende melding'
            when contactdatum < melding_maand then 'contactdatum: ligt voor de maand van de melding'
        end as reden,
    from geordend
)

select * from final
