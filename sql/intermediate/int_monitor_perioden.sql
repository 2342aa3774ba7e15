-- The monitor's figures per period, before the marts pick their columns: one row per rij
-- (int_monitor_indeling: periode_soort (maand, kwartaal, jaar) × periode × gemeentecode, a
-- gemeente of the grid or 'alle': every gemeente pooled), with every count of int_monitor_aantallen summed over the
-- cells of the period (int_monitor_indeling; a cell without counts counts as zeros) and every
-- share as the ratio of those sums: one definition of each share for monitor_maand and monitor.
-- inwoners_som: the sum of the cells' known inwoners; inwoners_bekend: every cell's inwoners
-- are known. aantal_overige_types: the DDAS types CAK Eigen bijdrage, Belastingdienst, Dienst
-- Toeslagen, DUO and Hypotheek together. Shares are fractions 0..1, null when the denominator
-- is 0; the denominators are listed in the mart monitor.
with indeling as (
    select * from int_monitor_indeling
),

aantallen as (
    select * exclude (verdeling) from int_monitor_aantallen
),

opgeteld as (
    select
        indeling.rij,
        sum(indeling.inwoners) as inwoners_som,
        count(indeling.inwoners) = count(*) as inwoners_bekend,
        sum(coalesce(columns('^aantal_'), 0)),
    from indeling
    left join aantallen using (gemeentecode, maand)
    group by indeling.rij
),

met_overige_types as (
    select
        *,
        aantal_cak_eigen_bijdrage + aantal_belastingdienst + aantal_dienst_toeslagen + aantal_duo + aantal_hypotheek
            as aantal_overige_types,
    from opgeteld
),

final as (
    select
        *,
        -- signals
        aantal_energie / nullif(aantal_signalen, 0) as aandeel_energie,
        aantal_huur / nullif(aantal_signalen, 0) as aandeel_huur,
        aantal_water / nullif(aantal_signalen, 0) as aandeel_water,
        aantal_zorg / nullif(aantal_signalen, 0) as aandeel_zorg,
        aantal_cak_zorgverzekeringen / nullif(aantal_signalen, 0) as aandeel_cak_zorgverzekeringen,
        aantal_cak_eigen_bijdrage / nullif(aantal_signalen, 0) as aandeel_cak_eigen_bijdrage,
        aantal_belastingdienst / nullif(aantal_signalen, 0) as aandeel_belastingdienst,
        aantal_dienst_toeslagen / nullif(aantal_signalen, 0) as aandeel_dienst_toeslagen,
        aantal_duo / nullif(aantal_signalen, 0) as aandeel_duo,
        aantal_hypotheek / nullif(aantal_signalen, 0) as aandeel_hypotheek,
        aantal_overige / nullif(aantal_signalen, 0) as aandeel_overige,
        aantal_overige_types / nullif(aantal_signalen, 0) as aandeel_overige_types,
        aantal_eindelevering / nullif(aantal_energie, 0) as aandeel_crisis_van_energie,
        aantal_opgepakt / nullif(aantal_signalen, 0) as aandeel_opgepakt,
        aantal_niet_opgepakt_onterecht / nullif(aantal_niet_opgepakt, 0) as aandeel_niet_opgepakt_onterecht,
        aantal_niet_opgepakt_herhaald / nullif(aantal_niet_opgepakt, 0) as aandeel_niet_opgepakt_herhaald,
        aantal_niet_opgepakt_andere_reden / nullif(aantal_niet_opgepakt, 0) as aandeel_niet_opgepakt_andere_reden,
        aantal_niet_opgepakt_bekend_shv / nullif(aantal_niet_opgepakt, 0) as aandeel_niet_opgepakt_bekend_shv,
        aantal_niet_opgepakt_geen_inwoner / nullif(aantal_niet_opgepakt, 0) as aandeel_niet_opgepakt_geen_inwoner,
        aantal_niet_opgepakt_overleden / nullif(aantal_niet_opgepakt, 0) as aandeel_niet_opgepakt_overleden,
        -- meldingen
        aantal_enkelvoudig / nullif(aantal_meldingen, 0) as aandeel_enkelvoudig,
        aantal_meervoudig / nullif(aantal_meldingen, 0) as aandeel_meervoudig,
        aantal_opeenvolgend / nullif(aantal_meldingen, 0) as aandeel_opeenvolgend,
        aantal_drie_in_jaar / nullif(aantal_meldingen, 0) as aandeel_drie_in_jaar,
        aantal_opeenvolgend_zelfde_partner / nullif(aantal_meldingen, 0) as aandeel_opeenvolgend_zelfde_partner,
        aantal_opeenvolgend_andere_partner / nullif(aantal_meldingen, 0) as aandeel_opeenvolgend_andere_partner,
        -- contact
        aantal_met_contactpoging / nullif(aantal_meldingen, 0) as aandeel_met_contactpoging,
        aantal_bereikt / nullif(aantal_meldingen, 0) as aandeel_bereikt,
        aantal_bereikt_bij_1_2_pogingen / nullif(aantal_met_1_2_pogingen, 0) as aandeel_bereikt_bij_1_2_pogingen,
        aantal_bereikt_bij_3_pogingen / nullif(aantal_met_3_pogingen, 0) as aandeel_bereikt_bij_3_pogingen,
        aantal_bereikt_bij_4_of_meer_pogingen / nullif(aantal_met_4_of_meer_pogingen, 0) as aandeel_bereikt_bij_4_of_meer_pogingen,
        aantal_bereikt_met_hulp / nullif(aantal_bereikt, 0) as aandeel_hulp_van_bereikt,
        aantal_hulp / nullif(aantal_meldingen, 0) as aandeel_hulp_van_meldingen,
        -- the seed's bottlenecks
        aantal_eindelevering_zonder_eerder_signaal / nullif(aantal_eindelevering, 0) as aandeel_eindelevering_zonder_eerder_signaal,
        aantal_opeenvolgend_vorige_zonder_contact / nullif(aantal_opeenvolgend, 0) as aandeel_opeenvolgend_vorige_zonder_contact,
        aantal_signalen_met_telefoon / nullif(aantal_signalen, 0) as aandeel_signalen_met_telefoon,
        aantal_signalen_met_email / nullif(aantal_signalen, 0) as aandeel_signalen_met_email,
        aantal_meldingen_met_telefoon / nullif(aantal_meldingen, 0) as aandeel_meldingen_met_telefoon,
        aantal_meldingen_met_email / nullif(aantal_meldingen, 0) as aandeel_meldingen_met_email,
    from met_overige_types
)

select * from final
