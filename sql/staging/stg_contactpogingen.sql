-- materialisatie: view
-- Every contact attempt row the ingestion accepted (from a case system export or a filled-in
-- werkvoorraad), with a content fingerprint for duplicate deliveries.
with geleverd as (
    select * from raw_contactpogingen
),

final as (
    select
        partitie,
        bestand,
        rij,
        trim(melding_id) as melding_id,
        contactdatum,
        soort,
        bereikt,
        dagdeel,
        nullif(trim(medewerker), '') as medewerker,
        resultaat,
        resultaatdatum,
        md5(concat_ws('|', trim(melding_id), contactdatum, soort, bereikt, dagdeel, medewerker, resultaat, resultaatdatum))
            as inhoud_hash,
    from geleverd
)

select * from final
