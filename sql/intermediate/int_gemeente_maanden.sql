-- The grid the monitor reports on: every known gemeente (reference file or signals) for every
-- month that was delivered, with the inhabitants of that year (else the nearest earlier year,
-- else the nearest later one). Rebuilt whole every run (small: gemeenten × months): a gemeente
-- first seen in a later month gets a row in every earlier delivered month, so the grid, and the
-- monitor tables built on it, are not month-local; the counts are (int_monitor_aantallen).
with maanden as (
    select distinct partitie as maand from raw_bestanden where soort = 'signalen'
    union
    select distinct maand from int_signalen
),

gemeenten as (
    select distinct gemeentecode from stg_gemeenten
    union
    select distinct gemeentecode from int_signalen
),

inwoners as (
    select * from stg_gemeenten
),

kandidaten as (
    select
        gemeenten.gemeentecode,
        maanden.maand,
        inwoners.naam,
        inwoners.inwoners,
        row_number() over (
            partition by gemeenten.gemeentecode, maanden.maand
            order by inwoners.jaar <= year(maanden.maand) desc, abs(inwoners.jaar - year(maanden.maand))
        ) as voorkeur,
    from gemeenten
    cross join maanden
    left join inwoners on inwoners.gemeentecode = gemeenten.gemeentecode
),

final as (
    select gemeentecode, maand, naam, inwoners
    from kandidaten
    where voorkeur = 1
)

select * from final
