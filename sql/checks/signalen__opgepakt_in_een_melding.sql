-- Every picked-up signal is in exactly one melding, and only picked-up signals are:
-- returns signals whose status and melding_id disagree or whose melding does not exist.
-- A run looks at the signals of the months it rebuilt (maand >= the variable vanaf, set from
-- run_bereik) against every melding; earlier months are as the last successful run checked them.
-- Without the variable (this query by hand) every signal.
select signalen.signaal_id, signalen.status, signalen.melding_id
from signalen
left join meldingen using (melding_id)
where coalesce(signalen.maand >= getvariable('vanaf'), true)
    and ((signalen.status = 'Opgepakt') <> (signalen.melding_id is not null)
        or (signalen.melding_id is not null and meldingen.melding_id is null))
