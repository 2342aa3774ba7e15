-- The counts behind monitor_verdeling, per gemeente per delivered month: one row per onderwerp
-- and categorie with aantal (the numerator) and noemer (its denominator), taken from the
-- column verdeling of int_monitor_aantallen (which defines every onderwerp; a gemeente-month
-- without a row there has zeros). Dense: every gemeente-month of the grid int_gemeente_maanden
-- has a row for every categorie that occurs anywhere (and for all five run lengths), with zeros,
-- and a shared noemer is repeated on each of its categories, so sums over months and gemeenten
-- and means over gemeenten need no special cases. Rebuilt whole: a categorie that first occurs
-- in a new month adds rows to every earlier month.
with cellen as (
    select gemeentecode, maand from int_gemeente_maanden
),

aantallen as (
    select gemeentecode, maand, verdeling from int_monitor_aantallen
),

rijen as (
    select gemeentecode, maand, unnest(verdeling) as rij
    from aantallen
),

uitgepakt as (
    select
        gemeentecode,
        maand,
        rij.onderwerp,
        rij.categorie,
        rij.aantal,
        rij.noemer,
    from rijen
),

tellers as (
    select gemeentecode, maand, onderwerp, categorie, aantal, noemer
    from uitgepakt
    where categorie is not null
),

gedeelde_noemers as (
    select gemeentecode, maand, onderwerp, noemer
    from uitgepakt
    where categorie is null
),

categorieen as (
    select distinct onderwerp, categorie from tellers
    union
    select 'aaneengesloten_maanden', unnest(['1', '2', '3', '4-5', '6+'])
),

final as (
    select
        cellen.gemeentecode,
        cellen.maand,
        categorieen.onderwerp,
        categorieen.categorie,
        coalesce(tellers.aantal, 0) as aantal,
        coalesce(tellers.noemer, gedeelde_noemers.noemer, 0) as noemer,
    from cellen
    cross join categorieen
    left join tellers
        on tellers.gemeentecode = cellen.gemeentecode
        and tellers.maand = cellen.maand
        and tellers.onderwerp = categorieen.onderwerp
        and tellers.categorie = categorieen.categorie
    left join gedeelde_noemers
        on gedeelde_noemers.gemeentecode = cellen.gemeentecode
        and gedeelde_noemers.maand = cellen.maand
        and gedeelde_noemers.onderwerp = categorieen.onderwerp
)

select * from final
