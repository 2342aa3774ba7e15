-- Monitor per gemeente per month, plus one row per month with gemeentecode 'alle' that pools
-- every gemeente (sums of counts, not a mean over gemeenten). Shares are fractions 0..1:
-- aandeel_<type> over the month's signals; aandeel_enkelvoudig / meervoudig / opeenvolgend /
-- drie_in_jaar over the month's meldingen. Null where the denominator is 0.
with per_gemeente as (
    select * from int_monitor_tellingen_maand
),

gepoold as (
    select
        'alle' as gemeentecode,
        maand,
        sum(inwoners) as inwoners,
        sum(columns('^aantal_')),
    from per_gemeente
    group by maand
),

tellingen as (
    select * from per_gemeente
    union all by name
    select * from gepoold
),

final as (
    select
        gemeentecode,
        gemeentenaam,
        maand,
        inwoners,
        aantal_signalen,
        round(aantal_signalen * 1000.0 / nullif(inwoners, 0), 4) as signalen_per_1000_inwoners,
        aantal_signalen_opgepakt / nullif(aantal_signalen, 0) as aandeel_opgepakt,
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
        aantal_meldingen,
        round(aantal_meldingen * 1000.0 / nullif(inwoners, 0), 4) as meldingen_per_1000_inwoners,
        aantal_enkelvoudig / nullif(aantal_meldingen, 0) as aandeel_enkelvoudig,
        aantal_meervoudig / nullif(aantal_meldingen, 0) as aandeel_meervoudig,
        aantal_opeenvolgend / nullif(aantal_meldingen, 0) as aandeel_opeenvolgend,
        aantal_drie_in_jaar / nullif(aantal_meldingen, 0) as aandeel_drie_in_jaar,
        aantal_enkelvoudig,
        aantal_meervoudig,
        aantal_opeenvolgend,
        aantal_drie_in_jaar,
    from tellingen
)

select * from final
