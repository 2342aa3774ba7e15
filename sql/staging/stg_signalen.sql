-- Every signal row the ingestion accepted, typed and keyed; deliveries of the same signaal_id
-- are still all here (int_signaal_leveringen decides which one counts). Adds the address,
-- the creditor key, the pseudonymous keys and a content fingerprint. Personal fields stay in
-- the private warehouse: no mart selects them.
with geleverd as (
    select * from raw_signalen
),

genormaliseerd as (
    select
        partitie,
        bestand,
        rij,
        signaal_id,
        gemeentecode,
        signaalpartner_type,
        trim(signaalpartner_naam) as signaalpartner_naam,
        signaaldatum,
        cast(date_trunc('month', signaaldatum) as date) as maand,
        cast(bedrag as decimal(12, 2)) as bedrag,
        upper(replace(postcode, ' ', '')) as postcode,
        huisnummer,
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
    from geleverd
),

gesleuteld as (
    select
        *,
        adres_norm(postcode, huisnummer, huisnummertoevoeging) as adres,
        signaalpartner_type || '|' || lower(signaalpartner_naam) as partner_sleutel,
        year(maand) * 12 + month(maand) - 1 as maand_index,
    from genormaliseerd
),

final as (
    select
        *,
        sleutel_hash('adres', adres) as adres_sleutel,
        case
            when bsn is not null then sleutel_hash('bsn', bsn)
            when geboortedatum is not null then sleutel_hash('adres_geboortedatum', adres || '|' || geboortedatum)
        end as inwoner_sleutel,
        telefoonnummer is not null as heeft_telefoon,
        coalesce(regexp_full_match(email, '[^@\s]+@[^@\s]+\.[^@\s]+'), false) as heeft_email,
        md5(concat_ws('|',
            signaal_id, gemeentecode, signaalpartner_type, signaalpartner_naam, signaaldatum, bedrag,
            postcode, huisnummer, huisnummertoevoeging, klantnummer, ontstaansdatum, is_crisis,
            warme_overdracht, bsn, geboortedatum, geslacht, voorletters, tussenvoegsel, achternaam,
            straat, woonplaats, telefoonnummer, email
        )) as inhoud_hash,
    from gesleuteld
)

select * from final
