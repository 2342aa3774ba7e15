-- Every count of the monitor, per gemeente per month: the one source of the figures of
-- monitor_maand, monitor and monitor_verdeling. The marts sum these over the cells of each
-- period and pool (int_monitor_indeling) and divide; nothing is counted anywhere else. Every
-- figure is additive over months and gemeenten, so no other count model is needed.
-- incrementeel: maand
-- One row per gemeente and month (months >= vanaf; the runner keeps the earlier ones) in which
-- the gemeente has signals (meldingen, attempts and aanpaklijst rows all stem from them). A cell
-- of the grid int_gemeente_maanden without a row counts as zeros in the marts: so a month's rows
-- depend on that month's inputs and, through the windows (regular signals up to jaar_maanden
-- back, the previous melding at an address however long ago), on earlier months only; a gemeente
-- that first appears in a later month adds no rows to earlier months here.
-- Signals by signal month; meldingen by melding month; a melding's contact attempts count in
-- the melding's month.
--
-- Meldingen are the picked-up meldingen (the meldingen mart). Contact: an attempt counts toward
-- the melding it belongs to (its melding_id), whatever its date, also when it was made in a
-- later month: a month's figures are complete once every attempt on its meldingen is recorded
-- (unlike int_melding_historie, which looks only at what was known at the end of a month, for
-- routing). Attempts on candidate meldingen a policy did not pick up are not counted.
-- A melding is reached when at least one attempt reached the resident. Its result is the
-- resultaat of its attempt with the latest resultaatdatum (else contactdatum); ties: the latest
-- contactdatum, then the alphabetically last resultaat, so the answer never depends on row order.
-- Help accepted (Divosa hulpacceptatie): that result is (Budget)advies en/of quick fix,
-- Vervolghulp en/of verwijzing (financieel / niet financieel) or Verwijzing zonder tussenkomst
-- inwoner.
--
-- Wide counts (the columns aantal_*), for the mart `monitor`:
--   signals (all distinct received signals, any status): aantal_signalen; per DDAS signaalpartner
--   type (all eleven) aantal_energie, _huur, _water, _zorg, _cak_zorgverzekeringen,
--   _cak_eigen_bijdrage, _belastingdienst, _dienst_toeslagen, _duo, _hypotheek, _overige (the
--   type 'Overige'); aantal_eindelevering (eindeleveringssignalen: crisis signals of type Energie);
--   aantal_eindelevering_zonder_eerder_signaal (of those, the ones whose address, same gemeente,
--   had no non-crisis signal, any creditor and any status, in the jaar_maanden (12) months before
--   the signal's month, M-12..M-1: the same month does not count, a crisis signal never does);
--   aantal_opgepakt (status Opgepakt: part of a melding), aantal_niet_opgepakt (any other status)
--   and per DDAS status aantal_niet_opgepakt_onterecht, _herhaald, _andere_reden, _bekend_shv,
--   _geen_inwoner, _overleden; aantal_signalen_met_telefoon, aantal_signalen_met_email.
--   meldingen: aantal_meldingen, aantal_enkelvoudig, _meervoudig, _opeenvolgend, _drie_in_jaar
--   (meldingen_12m >= drie_in_jaar), _opeenvolgend_zelfde_partner, _opeenvolgend_andere_partner,
--   aantal_meldingen_met_telefoon, aantal_meldingen_met_email; aantal_met_contactpoging (>= 1
--   attempt), aantal_bereikt; aantal_met_1_2_pogingen / _3_pogingen / _4_of_meer_pogingen
--   (attempts on the melding) and aantal_bereikt_bij_1_2_pogingen / _3_ / _4_of_meer_pogingen;
--   aantal_hulp (help accepted), aantal_bereikt_met_hulp (reached and help accepted);
--   aantal_opeenvolgend_vorige_zonder_contact (opeenvolgend, and the previous melding at the same
--   gemeente and address, however long ago, had at least one attempt and none reached the
--   resident; seed: "recurring signals while earlier contact attempts gave nothing").
--
-- Long counts, for monitor_verdeling: the column verdeling, a list of (onderwerp, categorie,
-- aantal, noemer); an element with categorie null carries the noemer shared by every categorie
-- of its onderwerp (int_monitor_verdeling_aantallen spreads it out):
--   aaneengesloten_maanden       meldingen per unbroken run length '1', '2', '3', '4-5', '6+'
--                                (shared noemer: meldingen)
--   resultaat                    meldingen per result (shared noemer: meldingen with a result)
--   aanpak                       aanpaklijst rows per aanpak, 'geen' included (shared noemer: all
--                                aanpaklijst rows, also candidates not picked up)
--   contactsoort_poging          meldingen with >= 1 attempt of the soort (shared noemer: meldingen)
--   contactsoort_bereik          reached meldingen among those with >= 1 attempt of the soort
--                                (noemer: meldingen with >= 1 attempt of the soort)
--   telefoon_per_signaalpartner  signals with a phone number (noemer: signals of the type)
--   email_per_signaalpartner     signals with an e-mail address (noemer: signals of the type)
--
-- Built for national scale (millions of signals and meldingen, tens of millions of attempts):
-- the attempts are read once (those on meldingen from vanaf on, and those on the earlier
-- meldingen that are the previous melding of one of them), into one row per melding that keeps
-- its last result and its set of contact soorten as numbers; a large table gets one import CTE
-- per use (DuckDB copies a CTE that is used twice, and a copy of millions of rows costs more
-- than reading the columns again); everything else is counted from small per-kind tables.
with ontvangen as (
    select gemeentecode, maand, signaalpartner_type, is_crisis, status, heeft_telefoon, heeft_email
    from signalen
    where maand >= getvariable('vanaf')
),

eindeleveringssignalen as (
    select signaal_id, gemeentecode, maand, year(maand) * 12 + month(maand) - 1 as maand_index, adres_sleutel
    from signalen
    where is_crisis and signaalpartner_type = 'Energie' and maand >= getvariable('vanaf')
),

gewone_signalen as (
    select gemeentecode, adres_sleutel, year(maand) * 12 + month(maand) - 1 as maand_index
    from signalen
    where not is_crisis and maand >= cast(getvariable('vanaf') as date) - to_months(getvariable('jaar_maanden'))
),

alle_meldingen as (
    select
        gemeentecode,
        maand,
        is_enkelvoudig,
        is_meervoudig,
        is_opeenvolgend,
        meldingen_12m,
        opeenvolgend_zelfde_partner,
        opeenvolgend_andere_partner,
        aaneengesloten_maanden,
        telefoon_bekend,
        email_bekend,
    from meldingen
    where maand >= getvariable('vanaf')
),

melding_adressen as (
    select melding_id, gemeentecode, maand, year(maand) * 12 + month(maand) - 1 as maand_index, adres_sleutel
    from meldingen
),

opeenvolgende_meldingen as (
    select
        gemeentecode,
        maand,
        adres_sleutel,
        year(maand) * 12 + month(maand) - 1 - maanden_sinds_vorige as vorige_maand_index,
    from meldingen
    where is_opeenvolgend and maanden_sinds_vorige is not null and maand >= getvariable('vanaf')
),

-- the previous melding's address and month of every opeenvolgende melding from vanaf on whose
-- previous melding lies before vanaf (none in a full build)
vorige_meldingen as (
    select distinct
        gemeentecode,
        adres_sleutel,
        year(maand) * 12 + month(maand) - 1 - maanden_sinds_vorige as maand_index,
    from meldingen
    where is_opeenvolgend and maanden_sinds_vorige is not null and maand >= getvariable('vanaf')
        and maand - to_months(maanden_sinds_vorige) < cast(getvariable('vanaf') as date)
),

-- the attempts that count: those on meldingen from vanaf on, and those on earlier meldingen that
-- are the previous melding of one of them
pogingen as (
    select * from int_contactpogingen
    where melding_maand >= getvariable('vanaf')
    union all
    select eerdere.*
    from int_contactpogingen as eerdere
    inner join vorige_meldingen as vorige
        on vorige.gemeentecode = eerdere.gemeentecode
        and vorige.adres_sleutel = eerdere.adres_sleutel
        and vorige.maand_index = eerdere.melding_maand_index
    where eerdere.melding_maand < getvariable('vanaf')
),

contactsoorten as (
    select * from int_monitor_contactsoorten
),

resultaten as (
    select distinct resultaat from int_contactpogingen where resultaat is not null
),

werklast as (
    select gemeentecode, maand, aanpak from aanpaklijst
    where maand >= getvariable('vanaf')
),

-- signals ---------------------------------------------------------------------------------

per_signaalpartner as (
    select
        gemeentecode,
        maand,
        signaalpartner_type,
        count(*) as signalen,
        count(*) filter (where is_crisis and signaalpartner_type = 'Energie') as eindelevering,
        count(*) filter (where status = 'Opgepakt') as opgepakt,
        count(*) filter (where status <> 'Opgepakt') as niet_opgepakt,
        count(*) filter (where status = 'Niet opgepakt: onterecht signaal') as onterecht,
        count(*) filter (where status = 'Niet opgepakt: herhaalde melding') as herhaald,
        count(*) filter (where status = 'Niet opgepakt: andere reden') as andere_reden,
        count(*) filter (where status = 'Inwoner al bekend bij schuldhulpverlening') as bekend_shv,
        count(*) filter (where status = 'Persoon is geen inwoner (meer) in de gemeente') as geen_inwoner,
        count(*) filter (where status = 'Inwoner is overleden') as overleden,
        count(*) filter (where heeft_telefoon) as met_telefoon,
        count(*) filter (where heeft_email) as met_email,
    from ontvangen
    group by gemeentecode, maand, signaalpartner_type
),

-- eindeleveringssignalen that did have a regular signal at the address in M-12..M-1 (the
-- eindeleveringssignalen are the small side of the join)
eindelevering_met_eerder_signaal as (
    select distinct
        eindelevering.signaal_id,
        eindelevering.gemeentecode,
        eindelevering.maand,
    from eindeleveringssignalen as eindelevering
    inner join gewone_signalen as eerder
        on eerder.gemeentecode = eindelevering.gemeentecode
        and eerder.adres_sleutel = eindelevering.adres_sleutel
        and eerder.maand_index between eindelevering.maand_index - getvariable('jaar_maanden')
        and eindelevering.maand_index - 1
),

eerder_gesignaleerd as (
    select gemeentecode, maand, count(*) as eindelevering_met_eerder_signaal
    from eindelevering_met_eerder_signaal
    group by gemeentecode, maand
),

signaal_aantallen as (
    select
        per_signaalpartner.gemeentecode,
        per_signaalpartner.maand,
        sum(signalen) as aantal_signalen,
        sum(signalen) filter (where signaalpartner_type = 'Energie') as aantal_energie,
        sum(signalen) filter (where signaalpartner_type = 'Huur') as aantal_huur,
        sum(signalen) filter (where signaalpartner_type = 'Water') as aantal_water,
        sum(signalen) filter (where signaalpartner_type = 'Zorg') as aantal_zorg,
        sum(signalen) filter (where signaalpartner_type = 'CAK Zorgverzekeringen') as aantal_cak_zorgverzekeringen,
        sum(signalen) filter (where signaalpartner_type = 'CAK Eigen bijdrage') as aantal_cak_eigen_bijdrage,
        sum(signalen) filter (where signaalpartner_type = 'Belastingdienst') as aantal_belastingdienst,
        sum(signalen) filter (where signaalpartner_type = 'Dienst Toeslagen') as aantal_dienst_toeslagen,
        sum(signalen) filter (where signaalpartner_type = 'DUO') as aantal_duo,
        sum(signalen) filter (where signaalpartner_type = 'Hypotheek') as aantal_hypotheek,
        sum(signalen) filter (where signaalpartner_type = 'Overige') as aantal_overige,
        sum(eindelevering) as aantal_eindelevering,
        sum(eindelevering) - coalesce(any_value(eerder_gesignaleerd.eindelevering_met_eerder_signaal), 0)
            as aantal_eindelevering_zonder_eerder_signaal,
        sum(opgepakt) as aantal_opgepakt,
        sum(niet_opgepakt) as aantal_niet_opgepakt,
        sum(onterecht) as aantal_niet_opgepakt_onterecht,
        sum(herhaald) as aantal_niet_opgepakt_herhaald,
        sum(andere_reden) as aantal_niet_opgepakt_andere_reden,
        sum(bekend_shv) as aantal_niet_opgepakt_bekend_shv,
        sum(geen_inwoner) as aantal_niet_opgepakt_geen_inwoner,
        sum(overleden) as aantal_niet_opgepakt_overleden,
        sum(met_telefoon) as aantal_signalen_met_telefoon,
        sum(met_email) as aantal_signalen_met_email,
    from per_signaalpartner
    left join eerder_gesignaleerd using (gemeentecode, maand)
    group by per_signaalpartner.gemeentecode, per_signaalpartner.maand
),

-- meldingen and their contact attempts -----------------------------------------------------

-- every resultaat that occurs, numbered in alphabetical order (the DDAS enum, checked at
-- ingestion, has 16: far below 256)
resultaatcodes as (
    select resultaat, row_number() over (order by resultaat) as resultaatcode
    from resultaten
),

-- the one pass over the attempts; the result's order as one number: days since 1900 of the
-- result date (else contact date) and of the contact date (each < 2^20), then the code (< 256)
per_poging as (
    select
        pogingen.melding_id,
        pogingen.bereikt,
        contactsoorten.soort_bit,
        ((coalesce(pogingen.resultaatdatum, pogingen.contactdatum) - date '1900-01-01') * 1048576
            + (pogingen.contactdatum - date '1900-01-01')) * 256 + resultaatcodes.resultaatcode as resultaat_volgorde,
    from pogingen
    inner join contactsoorten using (soort)
    left join resultaatcodes using (resultaat)
),

per_melding_contact as (
    select
        melding_id,
        count(*) as aantal_pogingen,
        coalesce(bool_or(bereikt), false) as is_bereikt,
        bit_or(soort_bit) as contactsoort_bits,
        max(resultaat_volgorde) % 256 as laatste_resultaatcode,
    from per_poging
    group by melding_id
),

-- the meldingen with at least one attempt (attempts on candidates a policy did not pick up
-- drop out here)
contact_meldingen as (
    select
        melding_adressen.gemeentecode,
        melding_adressen.maand,
        melding_adressen.maand_index,
        melding_adressen.adres_sleutel,
        per_melding_contact.* exclude (melding_id),
    from per_melding_contact
    inner join melding_adressen using (melding_id)
),

-- meldingen per kind of contact outcome: small; the contact counts below are sums over it
contactuitkomsten as (
    select
        contact_meldingen.gemeentecode,
        contact_meldingen.maand,
        least(contact_meldingen.aantal_pogingen, 4) as pogingen,
        contact_meldingen.is_bereikt,
        contact_meldingen.contactsoort_bits,
        resultaatcodes.resultaat as laatste_resultaat,
        coalesce(resultaatcodes.resultaat in (
            '(Budget)advies en/of quick fix',
            'Vervolghulp en/of verwijzing',
            'Vervolghulp en/of verwijzing financieel',
            'Vervolghulp en/of verwijzing niet financieel',
            'Verwijzing zonder tussenkomst inwoner'
        ), false) as is_hulp,
        count(*) as meldingen,
    from contact_meldingen
    left join resultaatcodes on resultaatcodes.resultaatcode = contact_meldingen.laatste_resultaatcode
    where contact_meldingen.maand >= getvariable('vanaf')
    group by all
),

-- meldingen with at least one attempt and none that reached the resident, by address and month
zonder_contact as (
    select gemeentecode, adres_sleutel, maand_index
    from contact_meldingen
    where not is_bereikt
),

-- opeenvolgende meldingen whose previous melding at the address (maanden_sinds_vorige back;
-- meldingen are unique per gemeente, address and month) had attempts but no contact
vorige_zonder_contact as (
    select huidig.gemeentecode, huidig.maand, count(*) as aantal_opeenvolgend_vorige_zonder_contact
    from opeenvolgende_meldingen as huidig
    inner join zonder_contact as vorige
        on vorige.gemeentecode = huidig.gemeentecode
        and vorige.adres_sleutel = huidig.adres_sleutel
        and vorige.maand_index = huidig.vorige_maand_index
    group by huidig.gemeentecode, huidig.maand
),

-- meldingen per run length: the melding counts below are sums over it
meldingsoorten as (
    select
        gemeentecode,
        maand,
        case
            when aaneengesloten_maanden >= 6 then '6+'
            when aaneengesloten_maanden >= 4 then '4-5'
            else cast(aaneengesloten_maanden as varchar)
        end as looptijd,
        count(*) as meldingen,
        count(*) filter (where is_enkelvoudig) as enkelvoudig,
        count(*) filter (where is_meervoudig) as meervoudig,
        count(*) filter (where is_opeenvolgend) as opeenvolgend,
        count(*) filter (where meldingen_12m >= getvariable('drie_in_jaar')) as drie_in_jaar,
        count(*) filter (where opeenvolgend_zelfde_partner) as opeenvolgend_zelfde_partner,
        count(*) filter (where opeenvolgend_andere_partner) as opeenvolgend_andere_partner,
        count(*) filter (where telefoon_bekend) as met_telefoon,
        count(*) filter (where email_bekend) as met_email,
    from alle_meldingen
    group by all
),

melding_aantallen as (
    select
        gemeentecode,
        maand,
        sum(meldingen) as aantal_meldingen,
        sum(enkelvoudig) as aantal_enkelvoudig,
        sum(meervoudig) as aantal_meervoudig,
        sum(opeenvolgend) as aantal_opeenvolgend,
        sum(drie_in_jaar) as aantal_drie_in_jaar,
        sum(opeenvolgend_zelfde_partner) as aantal_opeenvolgend_zelfde_partner,
        sum(opeenvolgend_andere_partner) as aantal_opeenvolgend_andere_partner,
        sum(met_telefoon) as aantal_meldingen_met_telefoon,
        sum(met_email) as aantal_meldingen_met_email,
    from meldingsoorten
    group by gemeentecode, maand
),

contact_aantallen as (
    select
        gemeentecode,
        maand,
        sum(meldingen) as aantal_met_contactpoging,
        sum(meldingen) filter (where is_bereikt) as aantal_bereikt,
        sum(meldingen) filter (where pogingen <= 2) as aantal_met_1_2_pogingen,
        sum(meldingen) filter (where pogingen <= 2 and is_bereikt) as aantal_bereikt_bij_1_2_pogingen,
        sum(meldingen) filter (where pogingen = 3) as aantal_met_3_pogingen,
        sum(meldingen) filter (where pogingen = 3 and is_bereikt) as aantal_bereikt_bij_3_pogingen,
        sum(meldingen) filter (where pogingen = 4) as aantal_met_4_of_meer_pogingen,
        sum(meldingen) filter (where pogingen = 4 and is_bereikt) as aantal_bereikt_bij_4_of_meer_pogingen,
        sum(meldingen) filter (where is_hulp) as aantal_hulp,
        sum(meldingen) filter (where is_hulp and is_bereikt) as aantal_bereikt_met_hulp,
    from contactuitkomsten
    group by gemeentecode, maand
),

per_contactsoort as (
    select
        contactuitkomsten.gemeentecode,
        contactuitkomsten.maand,
        contactsoorten.soort,
        sum(contactuitkomsten.meldingen) as met_poging,
        coalesce(sum(contactuitkomsten.meldingen) filter (where contactuitkomsten.is_bereikt), 0) as bereikt,
    from contactuitkomsten
    inner join contactsoorten
        on (contactuitkomsten.contactsoort_bits & contactsoorten.soort_bit) <> 0
    group by all
),

per_aanpak as (
    select gemeentecode, maand, aanpak, count(*) as rijen
    from werklast
    group by gemeentecode, maand, aanpak
),

-- the distributions, long; categorie null: the noemer shared by every categorie ------------

-- the distributions whose shared noemer is the sum of their categories
optelbare_verdelingen as (
    select gemeentecode, maand, 'resultaat' as onderwerp, laatste_resultaat as categorie, sum(meldingen) as aantal,
    from contactuitkomsten
    where laatste_resultaat is not null
    group by all
    union all
    select gemeentecode, maand, 'aanpak', aanpak, rijen
    from per_aanpak
),

verdeling_rijen as (
    select gemeentecode, maand, onderwerp, categorie, aantal, null as noemer,
    from optelbare_verdelingen
    union all
    select gemeentecode, maand, onderwerp, null, null, sum(aantal)
    from optelbare_verdelingen
    group by all
    union all
    select gemeentecode, maand, 'aaneengesloten_maanden', looptijd, meldingen, null
    from meldingsoorten
    union all
    select gemeentecode, maand, 'contactsoort_poging', soort, met_poging, null
    from per_contactsoort
    union all
    -- the shared noemer of those two: the meldingen
    select gemeentecode, maand, unnest(['aaneengesloten_maanden', 'contactsoort_poging']), null, null, aantal_meldingen
    from melding_aantallen
    union all
    select gemeentecode, maand, 'contactsoort_bereik', soort, bereikt, met_poging
    from per_contactsoort
    union all
    select
        gemeentecode,
        maand,
        unnest(['telefoon_per_signaalpartner', 'email_per_signaalpartner']),
        signaalpartner_type,
        unnest([met_telefoon, met_email]),
        signalen,
    from per_signaalpartner
),

verdelingen as (
    select
        gemeentecode,
        maand,
        list(
            {'onderwerp': onderwerp, 'categorie': categorie, 'aantal': cast(aantal as bigint), 'noemer': cast(noemer as bigint)}
            order by onderwerp, categorie nulls first
        ) as verdeling,
    from verdeling_rijen
    group by gemeentecode, maand
),

-- the gemeente-months with something counted (signals; the others are there for certainty)
cellen as (
    select gemeentecode, maand from signaal_aantallen
    union
    select gemeentecode, maand from melding_aantallen
    union
    select gemeentecode, maand from per_aanpak
),

final as (
    select
        cellen.gemeentecode,
        cellen.maand,
        cast(coalesce(columns('^aantal_'), 0) as bigint),
        coalesce(verdelingen.verdeling, []) as verdeling,
    from cellen
    left join signaal_aantallen using (gemeentecode, maand)
    left join melding_aantallen using (gemeentecode, maand)
    left join contact_aantallen using (gemeentecode, maand)
    left join vorige_zonder_contact using (gemeentecode, maand)
    left join verdelingen using (gemeentecode, maand)
    where cellen.maand >= getvariable('vanaf')
)

select * from final
