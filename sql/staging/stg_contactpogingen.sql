-- materialisatie: view
-- Every contact attempt row the ingestion accepted (from a case system export or a filled-in
-- werkvoorraad, or a DDAS vroegsignaalzaak: zaak_signaal_id instead of melding_id), with a content
-- fingerprint for duplicate deliveries.
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
        zaak_signaal_id,
        -- a DDAS zaak's result rides on its last attempt and may arrive in a later delivery: not content
        md5(concat_ws('|', trim(melding_id), zaak_signaal_id, contactdatum, soort, bereikt, dagdeel, medewerker,
            case when zaak_signaal_id is null then resultaat end, resultaatdatum))
            as inhoud_hash,
    from geleverd
)

select * from final
