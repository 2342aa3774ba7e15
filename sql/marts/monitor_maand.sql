-- Monitor per gemeente per month (every cell of the grid int_gemeente_maanden), plus one row per
-- month with gemeentecode 'alle' that pools every gemeente (sums of counts, not a mean over
-- gemeenten; inwoners: the sum of the known ones). Counts and shares: the month rows of
-- int_monitor_perioden. Shares are fractions 0..1: aandeel_<type> over the month's signals;
-- aandeel_enkelvoudig / meervoudig / opeenvolgend / drie_in_jaar over the month's meldingen.
-- Null where the denominator is 0.
with perioden as (
    select * from int_monitor_perioden
    where rij.periode_soort = 'maand'
),

-- the name a person knows (gemeenten.csv, latest year); the pooled 'alle' row has none
namen as (
    select gemeentecode, arg_max(naam, jaar) as gemeentenaam from stg_gemeenten group by gemeentecode
),

final as (
    select
        perioden.rij.gemeentecode,
        namen.gemeentenaam,
        perioden.rij.periode as maand,
        inwoners_som as inwoners,
        aantal_signalen,
        round(aantal_signalen * 1000.0 / nullif(inwoners_som, 0), 4) as signalen_per_1000_inwoners,
        aandeel_opgepakt,
        aandeel_energie,
        aandeel_huur,
        aandeel_water,
        aandeel_zorg,
        aandeel_cak_zorgverzekeringen,
        aandeel_cak_eigen_bijdrage,
        aandeel_belastingdienst,
        aandeel_dienst_toeslagen,
        aandeel_duo,
        aandeel_hypotheek,
        aandeel_overige,
        aantal_meldingen,
        round(aantal_meldingen * 1000.0 / nullif(inwoners_som, 0), 4) as meldingen_per_1000_inwoners,
        aandeel_enkelvoudig,
        aandeel_meervoudig,
        aandeel_opeenvolgend,
        aandeel_drie_in_jaar,
        aantal_enkelvoudig,
        aantal_meervoudig,
        aantal_opeenvolgend,
        aantal_drie_in_jaar,
    from perioden
    left join namen on namen.gemeentecode = perioden.rij.gemeentecode
)

select * from final
