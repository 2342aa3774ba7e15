-- Inhabitants per gemeente per year from referentie/gemeenten.csv (the last delivered row wins
-- when a gemeente-year appears twice).
with geleverd as (
    select * from raw_gemeenten
),

final as (
    select
        gemeentecode,
        jaar,
        arg_max(naam, (bestand, rij)) as naam,
        arg_max(inwoners, (bestand, rij)) as inwoners,
    from geleverd
    group by gemeentecode, jaar
)

select * from final
