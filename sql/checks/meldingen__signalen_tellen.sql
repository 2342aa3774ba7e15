-- melding_id is unique and aantal_signalen equals the number of signals that point to it;
-- returns the meldingen where either fails.
with per_melding as (
    select melding_id, count(*) as signalen from signalen where melding_id is not null group by melding_id
)
select meldingen.melding_id, meldingen.aantal_signalen, per_melding.signalen
from meldingen
left join per_melding using (melding_id)
where meldingen.aantal_signalen is distinct from per_melding.signalen
    or meldingen.melding_id in (select melding_id from meldingen group by melding_id having count(*) > 1)
