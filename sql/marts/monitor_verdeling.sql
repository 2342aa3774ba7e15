-- The Divosa-style monitor, long: distributions. One row per periode_soort (maand, kwartaal,
-- jaar) × periode (first day) × gemeentecode × onderwerp × categorie, with the same periods
-- and the same three kinds of gemeentecode as the wide `monitor`: a gemeente, 'alle' (pooled:
-- aantal and noemer summed over every gemeente, aandeel = their ratio) and
-- 'gemiddelde_gemeenten' (aandeel: the unweighted mean of the gemeenten's aandeel, leaving out
-- gemeenten whose noemer is 0; aantal and noemer: mean counts over every gemeente of the grid,
-- so on these rows aantal ÷ noemer need not equal aandeel).
-- aantal is the numerator, noemer the denominator count, aandeel = aantal ÷ noemer (null when
-- noemer is 0). maanden: delivered months in the period. Onderwerpen and their denominators:
--   aaneengesloten_maanden       '1', '2', '3', '4-5', '6+' ÷ meldingen
--   resultaat                    the melding's last result ÷ meldingen with a result
--   aanpak                       aanpaklijst rows per aanpak ('geen' included) ÷ aanpaklijst rows
--   contactsoort_poging          meldingen with >= 1 attempt of the soort ÷ meldingen
--   contactsoort_bereik          reached meldingen among those with >= 1 attempt of the soort
--                                ÷ meldingen with >= 1 attempt of the soort
--   telefoon_per_signaalpartner  signals with a phone number ÷ signals of the type
--   email_per_signaalpartner     signals with an e-mail address ÷ signals of the type
-- (definitions in int_monitor_aantallen). Every categorie that occurs anywhere has a row for
-- every gemeente and period, with zeros. aantal and noemer are doubles because of the means.
-- Contact attempts count toward the melding they belong to, whatever their date.
with indeling as (
    select * from int_monitor_indeling
),

aantallen as (
    select * from int_monitor_verdeling_aantallen
),

-- aantal and noemer summed over the cells of each period, per gemeente and over all gemeenten
-- together (groep 'alle')
opgeteld as (
    select
        indeling.rij,
        aantallen.onderwerp,
        aantallen.categorie,
        sum(aantallen.aantal) as aantal,
        sum(aantallen.noemer) as noemer,
    from aantallen
    inner join indeling using (gemeentecode, maand)
    group by all
),

met_aandeel as (
    select
        rij,
        onderwerp,
        categorie,
        cast(aantal as double) as aantal,
        cast(noemer as double) as noemer,
        aantal / nullif(noemer, 0) as aandeel,
    from opgeteld
),

-- the mean over gemeenten; avg skips a null aandeel (noemer 0). Summed as decimals (18
-- places), which is exact, so the mean does not depend on the order in which the threads add
-- up the gemeenten and a rerun gives the same bits.
gemiddelde as (
    select
        struct_update(rij, gemeentecode := 'gemiddelde_gemeenten') as rij,
        onderwerp,
        categorie,
        avg(cast(aantal as decimal(38, 18))) as aantal,
        avg(cast(noemer as decimal(38, 18))) as noemer,
        avg(cast(aandeel as decimal(38, 18))) as aandeel,
    from met_aandeel
    where rij.gemeentecode <> 'alle'
    group by all
),

met_gemiddelde as (
    select * from met_aandeel
    union all
    select * from gemiddelde
),

final as (
    select unnest(rij), * exclude (rij) from met_gemiddelde
)

select * from final
