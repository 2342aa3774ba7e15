-- Every signal row the ingestion accepted, typed and keyed; deliveries of the same signaal_id
-- are still all here (int_signaal_leveringen decides which one counts). Adds the address,
-- the creditor key, the pseudonymous keys and a content fingerprint. Personal fields stay in
-- the private warehouse: no mart selects them. A row whose personal fields were purged
-- (vroegsignaal opschonen) keeps its pseudonyms in the *_bewaard columns and still counts.
-- Rows from a DDAS delivery carry the status the platform delivered (status_geleverd); it is not
-- part of the content fingerprint (a later delivery may advance it).
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
        adres_sleutel_bewaard,
        inwoner_sleutel_bewaard,
        klant_sleutel_bewaard,
        inhoud_hash_bewaard,
        opgeschoond_op,
        status_geleverd,
    from geleverd
),

gesleuteld as (
    select
        *,
        -- a DDAS client given by BSN alone, with no address found through its zaak: the resident
        -- stands in for the address (see README, DDAS as input)
        case
            when postcode is null and huisnummer is null and bsn is not null then 'bsn|' || bsn
            else adres_norm(postcode, huisnummer, huisletter, huisnummertoevoeging)
        end as adres,
        -- a DDAS delivery has no creditor name: "same creditor" is then the same type
        signaalpartner_type || '|' || coalesce(lower(signaalpartner_naam), '') as partner_sleutel,
        year(maand) * 12 + month(maand) - 1 as maand_index,
    from genormaliseerd
),

-- what each pseudonym is made of: the resident from the BSN, else address + birth date
bronwaarden as (
    select
        *,
        case
            when bsn is not null then 'bsn'
            when geboortedatum is not null and adres is not null then 'adres_geboortedatum'
        end as inwoner_soort,
        case
            when bsn is not null then bsn
            when geboortedatum is not null and adres is not null then adres || '|' || geboortedatum
        end as inwoner_waarde,
        partner_sleutel || '|' || klantnummer as klant_waarde,
    from gesleuteld
),

-- every distinct value is hashed once (hashing is the costly part at national scale)
bronnen as (
    select distinct 'adres' as soort, adres as waarde from bronwaarden where adres is not null
    union all
    select distinct inwoner_soort, inwoner_waarde from bronwaarden where inwoner_waarde is not null
    union all
    select distinct 'klant', klant_waarde from bronwaarden where klant_waarde is not null
),

pseudoniemen as (
    select soort, waarde, sleutel_hash(soort, waarde) as sleutel from bronnen
),

final as (
    select
        bronwaarden.* exclude (inwoner_soort, inwoner_waarde, klant_waarde),
        coalesce(adressen.sleutel, bronwaarden.adres_sleutel_bewaard) as adres_sleutel,
        coalesce(inwoners.sleutel, bronwaarden.inwoner_sleutel_bewaard) as inwoner_sleutel,
        coalesce(klanten.sleutel, bronwaarden.klant_sleutel_bewaard) as klant_sleutel,
        bronwaarden.telefoonnummer is not null as heeft_telefoon,
        coalesce(regexp_full_match(bronwaarden.email, '[^@\s]+@[^@\s]+\.[^@\s]+'), false) as heeft_email,
        coalesce(bronwaarden.inhoud_hash_bewaard, md5(concat_ws('|',
            signaal_id, gemeentecode, signaalpartner_type, signaalpartner_naam, signaaldatum, bedrag,
            postcode, huisnummer, huisletter, huisnummertoevoeging, klantnummer, ontstaansdatum, is_crisis,
            warme_overdracht, bsn, geboortedatum, geslacht, voorletters, tussenvoegsel, achternaam,
            straat, woonplaats, telefoonnummer, email
        ))) as inhoud_hash,
    from bronwaarden
    left join pseudoniemen as adressen
        on adressen.soort = 'adres' and adressen.waarde = bronwaarden.adres
    left join pseudoniemen as inwoners
        on inwoners.soort = bronwaarden.inwoner_soort and inwoners.waarde = bronwaarden.inwoner_waarde
    left join pseudoniemen as klanten
        on klanten.soort = 'klant' and klanten.waarde = bronwaarden.klant_waarde
)

select * from final
