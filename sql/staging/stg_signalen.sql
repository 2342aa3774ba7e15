-- Every signal row the ingestion accepted, typed and keyed; deliveries of the same signaal_id
-- are still all here (int_signaal_leveringen decides which one counts). Adds the address,
-- the creditor key, the pseudonymous keys and a content fingerprint. Personal fields stay in
-- the private warehouse: no mart selects them. A row whose personal fields were purged
-- (vroegsignaal opschonen) keeps its pseudonyms in the *_bewaard columns and still counts.
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
        adres_sleutel_bewaard,
        inwoner_sleutel_bewaard,
        klant_sleutel_bewaard,
        inhoud_hash_bewaard,
        opgeschoond_op,
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
        coalesce(sleutel_hash('adres', adres), adres_sleutel_bewaard) as adres_sleutel,
        case
            when bsn is not null then sleutel_hash('bsn', bsn)
            when geboortedatum is not null and adres is not null
                then sleutel_hash('adres_geboortedatum', adres || '|' || geboortedatum)
            else inwoner_sleutel_bewaard
        end as inwoner_sleutel,
        coalesce(sleutel_hash('klant', partner_sleutel || '|' || klantnummer), klant_sleutel_bewaard) as klant_sleutel,
        telefoonnummer is not null as heeft_telefoon,
        coalesce(regexp_full_match(email, '[^@\s]+@[^@\s]+\.[^@\s]+'), false) as heeft_email,
        coalesce(inhoud_hash_bewaard, md5(concat_ws('|',
            signaal_id, gemeentecode, signaalpartner_type, signaalpartner_naam, signaaldatum, bedrag,
            postcode, huisnummer, huisnummertoevoeging, klantnummer, ontstaansdatum, is_crisis,
            warme_overdracht, bsn, geboortedatum, geslacht, voorletters, tussenvoegsel, achternaam,
            straat, woonplaats, telefoonnummer, email
        ))) as inhoud_hash,
    from gesleuteld
)

select * from final
