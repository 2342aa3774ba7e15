-- The Divosa-style monitor, wide: one row per periode_soort (maand, kwartaal, jaar) × periode
-- (first day of the period; periode_label '2024-03', '2024-K1', '2024') × gemeentecode.
-- gemeentecode is a gemeente of the grid, 'alle' (pooled: sums of counts over every gemeente,
-- shares are ratios of those sums) or 'gemiddelde_gemeenten' (the unweighted mean over
-- gemeenten of each figure, as Divosa reports national figures: a share's mean leaves out the
-- gemeenten where its denominator is 0; inwoners, rates and aantal_* are plain means over every
-- gemeente of the grid, so on these rows dividing two aantal_* columns does not give the share).
-- The aantal_* columns are therefore doubles, whole numbers on the other rows.
-- maanden: delivered months in the period (a partial quarter or year covers those only).
-- inwoners: of the period's year (per int_gemeente_maanden; 'alle': the sum, null when a
-- gemeente's inhabitants are unknown).
-- Shares are fractions 0..1, null when the denominator is 0; the counts behind every share are
-- the aantal_* columns (defined in int_monitor_aantallen; aantal_overige_types: the DDAS types
-- CAK Eigen bijdrage, Belastingdienst, Dienst Toeslagen, DUO and Hypotheek together), so
-- analysts can re-aggregate. Counts and shares per period from int_monitor_perioden.
-- Denominators:
--   signalen_per_1000_inwoners_per_maand, meldingen_per_1000_inwoners_per_maand:
--       aantal ÷ (inwoners / 1000) ÷ maanden
--   aandeel_<type>, aandeel_overige_types, aandeel_opgepakt, aandeel_signalen_met_telefoon,
--   aandeel_signalen_met_email: ÷ aantal_signalen
--   aandeel_crisis_van_energie: aantal_eindelevering ÷ aantal_energie
--   aandeel_niet_opgepakt_<reden>: ÷ aantal_niet_opgepakt (the signals not picked up)
--   aandeel_enkelvoudig ... aandeel_opeenvolgend_andere_partner, aandeel_met_contactpoging,
--   aandeel_bereikt, aandeel_hulp_van_meldingen, aandeel_meldingen_met_telefoon,
--   aandeel_meldingen_met_email: ÷ aantal_meldingen (picked up)
--   aandeel_bereikt_bij_<n>_pogingen: ÷ aantal_met_<n>_pogingen (meldingen with that many attempts)
--   aandeel_hulp_van_bereikt: aantal_bereikt_met_hulp ÷ aantal_bereikt
--   aandeel_eindelevering_zonder_eerder_signaal: ÷ aantal_eindelevering
--   aandeel_opeenvolgend_vorige_zonder_contact: ÷ aantal_opeenvolgend
-- Contact attempts count toward the melding they belong to, whatever their date.
with perioden as (
    select * from int_monitor_perioden
),

met_aandelen as (
    select
        rij,
        case when inwoners_bekend then inwoners_som / rij.maanden end as inwoners,
        aantal_signalen * 1000.0 / nullif(inwoners * rij.maanden, 0) as signalen_per_1000_inwoners_per_maand,
        aantal_meldingen * 1000.0 / nullif(inwoners * rij.maanden, 0) as meldingen_per_1000_inwoners_per_maand,
        -- the shares (int_monitor_perioden)
        aandeel_energie,
        aandeel_huur,
        aandeel_water,
        aandeel_zorg,
        aandeel_cak_zorgverzekeringen,
        aandeel_overige,
        aandeel_overige_types,
        aandeel_crisis_van_energie,
        aandeel_opgepakt,
        aandeel_niet_opgepakt_onterecht,
        aandeel_niet_opgepakt_herhaald,
        aandeel_niet_opgepakt_andere_reden,
        aandeel_niet_opgepakt_bekend_shv,
        aandeel_niet_opgepakt_geen_inwoner,
        aandeel_niet_opgepakt_overleden,
        aandeel_enkelvoudig,
        aandeel_meervoudig,
        aandeel_opeenvolgend,
        aandeel_drie_in_jaar,
        aandeel_opeenvolgend_zelfde_partner,
        aandeel_opeenvolgend_andere_partner,
        aandeel_met_contactpoging,
        aandeel_bereikt,
        aandeel_bereikt_bij_1_2_pogingen,
        aandeel_bereikt_bij_3_pogingen,
        aandeel_bereikt_bij_4_of_meer_pogingen,
        aandeel_hulp_van_bereikt,
        aandeel_hulp_van_meldingen,
        aandeel_eindelevering_zonder_eerder_signaal,
        aandeel_opeenvolgend_vorige_zonder_contact,
        aandeel_signalen_met_telefoon,
        aandeel_signalen_met_email,
        aandeel_meldingen_met_telefoon,
        aandeel_meldingen_met_email,
        -- the counts behind them (int_monitor_aantallen)
        aantal_signalen,
        aantal_energie,
        aantal_huur,
        aantal_water,
        aantal_zorg,
        aantal_cak_zorgverzekeringen,
        aantal_overige,
        aantal_overige_types,
        aantal_eindelevering,
        aantal_eindelevering_zonder_eerder_signaal,
        aantal_opgepakt,
        aantal_niet_opgepakt,
        aantal_niet_opgepakt_onterecht,
        aantal_niet_opgepakt_herhaald,
        aantal_niet_opgepakt_andere_reden,
        aantal_niet_opgepakt_bekend_shv,
        aantal_niet_opgepakt_geen_inwoner,
        aantal_niet_opgepakt_overleden,
        aantal_signalen_met_telefoon,
        aantal_signalen_met_email,
        aantal_meldingen,
        aantal_enkelvoudig,
        aantal_meervoudig,
        aantal_opeenvolgend,
        aantal_drie_in_jaar,
        aantal_opeenvolgend_zelfde_partner,
        aantal_opeenvolgend_andere_partner,
        aantal_meldingen_met_telefoon,
        aantal_meldingen_met_email,
        aantal_met_contactpoging,
        aantal_bereikt,
        aantal_met_1_2_pogingen,
        aantal_bereikt_bij_1_2_pogingen,
        aantal_met_3_pogingen,
        aantal_bereikt_bij_3_pogingen,
        aantal_met_4_of_meer_pogingen,
        aantal_bereikt_bij_4_of_meer_pogingen,
        aantal_hulp,
        aantal_bereikt_met_hulp,
        aantal_opeenvolgend_vorige_zonder_contact,
    from perioden
),

-- the mean over gemeenten of every figure; avg skips nulls (a denominator of 0). Summed as
-- decimals (18 places), which is exact, so the mean does not depend on the order in which the
-- threads add up the gemeenten and a rerun gives the same bits.
gemiddelde as (
    select
        struct_update(rij, gemeentecode := 'gemiddelde_gemeenten') as rij,
        avg(cast(columns('^(inwoners|.*_per_1000_inwoners_per_maand|aandeel_.*|aantal_.*)$') as decimal(38, 18))),
    from met_aandelen
    where rij.gemeentecode <> 'alle'
    group by all
),

met_gemiddelde as (
    select * from met_aandelen
    union all by name
    select * from gemiddelde
),

final as (
    select unnest(rij), * exclude (rij) from met_gemiddelde
)

select * from final
