-- The periods the monitor reports on. Every delivered month (the months of the grid
-- int_gemeente_maanden) belongs to one period of each kind: its month ('2024-03'), its quarter
-- ('2024-K1') and its year ('2024'). periode is the first day of the period; maanden is the
-- number of delivered months in it. A quarter or year that is still being delivered, or that
-- has a gap, is a partial period: its rows cover the delivered months only and maanden says
-- how many.
with grid as (
    select * from int_gemeente_maanden
),

geleverde_maanden as (
    select distinct maand from grid
),

soorten as (
    select * from (values ('maand', 'month'), ('kwartaal', 'quarter'), ('jaar', 'year')) as s (periode_soort, eenheid)
),

toegewezen as (
    select
        geleverde_maanden.maand,
        soorten.periode_soort,
        cast(date_trunc(soorten.eenheid, geleverde_maanden.maand) as date) as periode,
    from geleverde_maanden
    cross join soorten
),

final as (
    select
        maand,
        periode_soort,
        periode,
        case periode_soort
            when 'maand' then strftime(periode, '%Y-%m')
            when 'kwartaal' then strftime(periode, '%Y') || '-K' || quarter(periode)
            else strftime(periode, '%Y')
        end as periode_label,
        count(*) over (partition by periode_soort, periode) as maanden,
    from toegewezen
)

select * from final
