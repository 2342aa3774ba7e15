-- Which delivered row counts: per signaal_id the first delivery (by month folder, file, row)
-- is accepted; a later delivery with the same content is a duplicate; a later delivery with
-- different content is a conflict and is quarantined. Independent of ingestion order.
with rijen as (
    select * from stg_signalen
),

geordend as (
    select
        partitie,
        bestand,
        rij,
        signaal_id,
        inhoud_hash,
        first_value(inhoud_hash) over leveringen as eerste_inhoud_hash,
        row_number() over leveringen as levering_volgnummer,
    from rijen
    window leveringen as (partition by signaal_id order by partitie, bestand, rij)
),

final as (
    select
        partitie,
        bestand,
        rij,
        signaal_id,
        case
            when levering_volgnummer = 1 then 'geaccepteerd'
            when inhoud_hash = eerste_inhoud_hash then 'duplicaat'
            else 'quarantaine'
        end as levering,
        case
            when levering_volgnummer > 1 and inhoud_hash <> eerste_inhoud_hash
                then 'signaal_id: eerder geleverd met een andere inhoud'
        end as reden,
    from geordend
)

select * from final
