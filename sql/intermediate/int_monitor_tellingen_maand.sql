-- Counts per gemeente per month, the numerators and denominators of monitor_maand: signals
-- (in total and per signaalpartner type) and meldingen (in total and per kind of recurrence).
with grid as (
    select * from int_gemeente_maanden
),

ontvangen_signalen as (
    select * from signalen
),

alle_meldingen as (
    select * from meldingen
),

signaal_tellingen as (
    select
        gemeentecode,
        maand,
        count(*) as aantal_signalen,
        count(*) filter (where status = 'Opgepakt') as aantal_signalen_opgepakt,
        count(*) filter (where signaalpartner_type = 'Energie') as aantal_energie,
        count(*) filter (where signaalpartner_type = 'Huur') as aantal_huur,
        count(*) filter (where signaalpartner_type = 'Water') as aantal_water,
        count(*) filter (where signaalpartner_type = 'Zorg') as aantal_zorg,
        count(*) filter (where signaalpartner_type = 'CAK Zorgverzekeringen') as aantal_cak_zorgverzekeringen,
        count(*) filter (where signaalpartner_type = 'CAK Eigen bijdrage') as aantal_cak_eigen_bijdrage,
        count(*) filter (where signaalpartner_type = 'Belastingdienst') as aantal_belastingdienst,
        count(*) filter (where signaalpartner_type = 'Dienst Toeslagen') as aantal_dienst_toeslagen,
        count(*) filter (where signaalpartner_type = 'DUO') as aantal_duo,
        count(*) filter (where signaalpartner_type = 'Hypotheek') as aantal_hypotheek,
        count(*) filter (where signaalpartner_type = 'Overige') as aantal_overige,
    from ontvangen_signalen
    group by gemeentecode, maand
),

melding_tellingen as (
    select
        gemeentecode,
        maand,
        count(*) as aantal_meldingen,
        count(*) filter (where is_enkelvoudig) as aantal_enkelvoudig,
        count(*) filter (where is_meervoudig) as aantal_meervoudig,
        count(*) filter (where is_opeenvolgend) as aantal_opeenvolgend,
        count(*) filter (where meldingen_12m >= getvariable('drie_in_jaar')) as aantal_drie_in_jaar,
    from alle_meldingen
    group by gemeentecode, maand
),

final as (
    select
        grid.gemeentecode,
        grid.naam as gemeentenaam,
        grid.maand,
        grid.inwoners,
        coalesce(s.aantal_signalen, 0) as aantal_signalen,
        coalesce(s.aantal_signalen_opgepakt, 0) as aantal_signalen_opgepakt,
        coalesce(s.aantal_energie, 0) as aantal_energie,
        coalesce(s.aantal_huur, 0) as aantal_huur,
        coalesce(s.aantal_water, 0) as aantal_water,
        coalesce(s.aantal_zorg, 0) as aantal_zorg,
        coalesce(s.aantal_cak_zorgverzekeringen, 0) as aantal_cak_zorgverzekeringen,
        coalesce(s.aantal_cak_eigen_bijdrage, 0) as aantal_cak_eigen_bijdrage,
        coalesce(s.aantal_belastingdienst, 0) as aantal_belastingdienst,
        coalesce(s.aantal_dienst_toeslagen, 0) as aantal_dienst_toeslagen,
        coalesce(s.aantal_duo, 0) as aantal_duo,
        coalesce(s.aantal_hypotheek, 0) as aantal_hypotheek,
        coalesce(s.aantal_overige, 0) as aantal_overige,
        coalesce(m.aantal_meldingen, 0) as aantal_meldingen,
        coalesce(m.aantal_enkelvoudig, 0) as aantal_enkelvoudig,
        coalesce(m.aantal_meervoudig, 0) as aantal_meervoudig,
        coalesce(m.aantal_opeenvolgend, 0) as aantal_opeenvolgend,
        coalesce(m.aantal_drie_in_jaar, 0) as aantal_drie_in_jaar,
    from grid
    left join signaal_tellingen as s using (gemeentecode, maand)
    left join melding_tellingen as m using (gemeentecode, maand)
)

select * from final
