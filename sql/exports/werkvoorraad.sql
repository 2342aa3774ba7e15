-- The caseworkers' werkvoorraad of one month ($maand): every melding of the approach list that is
-- worked (not 'geen'), with the resident's name, address, phone and e-mail from the melding's
-- largest signal (phone and e-mail: the first any signal delivers). Not a model: the export runs
-- it for the month it writes. Private: written only to OUT/exports/.
with aanpak as (
    select * from aanpaklijst where aanpak <> 'geen' and maand = $maand
),

-- the melding's figures as the policy saw them
kenmerken as (
    select melding_id, aantal_signalen, totaal_bedrag, is_meervoudig, is_opeenvolgend, meldingen_12m
    from int_aanpak_kenmerken
    where maand = $maand
),

namen as (
    select gemeentecode, arg_max(naam, jaar) as gemeentenaam from stg_gemeenten group by gemeentecode
),

signalen as (
    -- a melding's signals are of its month: the month filter only saves reading five years
    select * from int_signalen where maand = $maand and kandidaat_melding_id in (select melding_id from aanpak)
),

inwoner as (
    select
        kandidaat_melding_id as melding_id,
        arg_min(voorletters, (-bedrag, signaal_id)) as voorletters,
        arg_min(tussenvoegsel, (-bedrag, signaal_id)) as tussenvoegsel,
        arg_min(achternaam, (-bedrag, signaal_id)) as achternaam,
        arg_min(straat, (-bedrag, signaal_id)) as straat,
        arg_min(huisnummer, (-bedrag, signaal_id)) as huisnummer,
        -- huisletter and toevoeging in one column, as an address is written: 12B-2, 12B, 12-2
        arg_min(nullif(concat_ws('-', huisletter, nullif(huisnummertoevoeging, '')), ''), (-bedrag, signaal_id))
            as huisnummertoevoeging,
        arg_min(postcode, (-bedrag, signaal_id)) as postcode,
        arg_min(woonplaats, (-bedrag, signaal_id)) as woonplaats,
        arg_min(telefoonnummer, signaal_id) filter (where telefoonnummer is not null) as telefoonnummer,
        arg_min(email, signaal_id) filter (where heeft_email) as email,
        arg_min(geboortedatum, (-bedrag, signaal_id)) as geboortedatum,
        string_agg(signaalpartner_type || ': ' || signaalpartner_naam, '; ' order by signaalpartner_type, signaalpartner_naam)
            as signaalpartners,
    from signalen
    group by kandidaat_melding_id
),

final as (
    select
        aanpak.melding_id,
        aanpak.gemeentecode,
        namen.gemeentenaam,
        aanpak.maand,
        aanpak.prioriteit,
        aanpak.aanpak,
        aanpak.kanalen,
        aanpak.brief_sjabloon,
        aanpak.consulent,
        aanpak.regel,
        aanpak.reden,
        aanpak.bewind_overwegen,
        aanpak.andere_systemen_raadplegen,
        aanpak.uitgesteld,
        kenmerken.aantal_signalen,
        kenmerken.totaal_bedrag,
        inwoner.signaalpartners,
        kenmerken.is_meervoudig,
        kenmerken.is_opeenvolgend,
        kenmerken.meldingen_12m,
        inwoner.voorletters,
        inwoner.tussenvoegsel,
        inwoner.achternaam,
        inwoner.straat,
        inwoner.huisnummer,
        inwoner.huisnummertoevoeging,
        inwoner.postcode,
        inwoner.woonplaats,
        inwoner.telefoonnummer,
        inwoner.email,
        inwoner.geboortedatum,
    from aanpak
    inner join kenmerken using (melding_id)
    inner join inwoner using (melding_id)
    left join namen on namen.gemeentecode = aanpak.gemeentecode
)

select * from final
