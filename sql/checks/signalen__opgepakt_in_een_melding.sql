-- Every picked-up signal is in exactly one melding, and only picked-up signals are:
-- returns signals whose status and melding_id disagree or whose melding does not exist.
select signalen.signaal_id, signalen.status, signalen.melding_id
from signalen
left join meldingen using (melding_id)
where (signalen.status = 'Opgepakt') <> (signalen.melding_id is not null)
    or (signalen.melding_id is not null and meldingen.melding_id is null)
