-- materialisatie: view
-- Every signal row the ingestion accepted, typed and keyed; deliveries of the same signaal_id
-- are still all here (int_signaal_leveringen decides which one counts). The address, the
-- creditor key, the pseudonymous keys, the content fingerprint and the facts derived from
-- personal data (phone and e-mail known, age at the end of the signal month) were computed once,
-- when the month was ingested (pipeline/ingest/raw_tables.py). Personal fields stay in the private
-- warehouse: no mart selects them. A row whose personal fields were purged (vroegsignaal
-- opschonen) keeps every derived column and still counts.
with geleverd as (
    select * from raw_signalen
),

final as (
    select
        partitie,
        bestand,
        rij,
        signaal_id,
        gemeentecode,
        signaalpartner_type,
        trim(signaalpartner_naam) as signaalpartner_naam,
        signaaldatum,
        maand,
        cast(bedrag as decimal(12, 2)) as bedrag,
        upper(replace(postcode, ' ', '')) as postcode,
        huisnummer,
        nullif(upper(trim(huisletter)), '') as huisletter,
        coalesce(regexp_replace(upper(huisnummertoevoeging), '[\s\-]', '', 'g'), '') as huisnummertoevoeging,
        nullif(trim(klantnummer), '') as klantnummer,
        ontstaansdatum,
        coalesce(crisissignaal, false) as is_crisis,
        coalesce(warme_overdracht, false) as warme_overdracht,
        bsn,
        geboortedatum,
        geslacht,
        voorletters,
        tussenvoegsel,
        achternaam,
        straat,
        woonplaats,
        nullif(trim(telefoonnummer), '') as telefoonnummer,
        nullif(trim(email), '') as email,
        opgeschoond_op,
        status_geleverd,
        adres,
        partner_sleutel,
        year(maand) * 12 + month(maand) - 1 as maand_index,
        adres_sleutel,
        inwoner_sleutel,
        klant_sleutel,
        heeft_telefoon,
        heeft_email,
        inhoud_hash,
        leeftijd,
    from geleverd
)

select * from final
