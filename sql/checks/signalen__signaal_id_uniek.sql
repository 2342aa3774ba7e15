-- One row per distinct signal: returns signaal_ids that appear more than once.
select signaal_id, count(*) as aantal
from signalen
group by signaal_id
having count(*) > 1
