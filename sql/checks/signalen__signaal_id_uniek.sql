-- One row per distinct signal: returns signaal_ids that appear more than once.
-- A run looks at the ids of the months it rebuilt (maand >= the variable vanaf, set from run_bereik)
-- and counts each over every month; earlier months are as the last successful run checked them.
-- Without the variable (this query by hand) every id.
select signaal_id, count(*) as aantal
from signalen
where signaal_id is null
    or signaal_id in (select signaal_id from signalen where coalesce(maand >= getvariable('vanaf'), true))
group by signaal_id
having count(*) > 1
