-- melding_id is unique and aantal_signalen equals the number of signals that point to it;
-- returns the meldingen where either fails. A run looks at the meldingen of the months it rebuilt
-- (maand >= the variable vanaf, set from run_bereik) and those its rebuilt signals point to,
-- counting their signals and namesakes over every month; earlier months are as the last successful
-- run checked them. Without the variable (this query by hand) every melding.
with gewijzigd as (
    select melding_id from meldingen where coalesce(maand >= getvariable('vanaf'), true)
    union
    select melding_id from signalen where melding_id is not null and coalesce(maand >= getvariable('vanaf'), true)
),

te_controleren as (
    select * from meldingen where melding_id in (select melding_id from gewijzigd) or melding_id is null
),

per_melding as (
    select melding_id, count(*) as signalen
    from signalen
    where melding_id in (select melding_id from gewijzigd)
    group by melding_id
)

select te_controleren.melding_id, te_controleren.aantal_signalen, per_melding.signalen
from te_controleren
left join per_melding using (melding_id)
where te_controleren.aantal_signalen is distinct from per_melding.signalen
    or te_controleren.melding_id in (select melding_id from te_controleren group by melding_id having count(*) > 1)
