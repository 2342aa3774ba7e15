-- Where every cell of the grid int_gemeente_maanden (a gemeente in a delivered month, with its
-- inwoners) counts in the monitor: in each period that holds its month, its month ('2024-03'),
-- its quarter ('2024-K1') and its year ('2024'), and there in the row of its own gemeente and in
-- the pooled row 'alle' (column groep). periode is the first day of the period; maanden is the
-- number of delivered months in it: a quarter or year that is still being delivered, or that has
-- a gap, is a partial period whose rows cover the delivered months only. rij is the monitor row
-- the cell counts in, the key every monitor table is grouped by and unpacks (unnest(rij)) at the
-- end: periode_soort, periode, periode_label, gemeentecode (the groep) and maanden. The marts
-- monitor_maand, monitor and monitor_verdeling sum the counts of int_monitor_aantallen over the
-- cells of each rij from here: one definition of periods and pooling for the three of them.
with grid as (
    select gemeentecode, maand, inwoners from int_gemeente_maanden
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

perioden as (
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
),

gemeenten as (
    select distinct gemeentecode from grid
),

groepen as (
    select gemeentecode, unnest([gemeentecode, 'alle']) as groep
    from gemeenten
),

final as (
    select
        grid.gemeentecode,
        grid.maand,
        grid.inwoners,
        {
            'periode_soort': perioden.periode_soort,
            'periode': perioden.periode,
            'periode_label': perioden.periode_label,
            'gemeentecode': groepen.groep,
            'maanden': perioden.maanden,
        } as rij,
    from grid
    inner join perioden using (maand)
    inner join groepen using (gemeentecode)
)

select * from final
