-- incrementeel: maand
-- Meldingen: the candidate meldingen the gemeente's policy picks up (melding_opname says
-- which are not, e.g. below Leiden's melding-level drempel).
with kandidaten as (
    select * from int_melding_kandidaten where maand >= getvariable('vanaf')
),

opname as (
    select * from melding_opname
),

final as (
    select kandidaten.*
    from kandidaten
    left join opname using (melding_id)
    where coalesce(opname.opgepakt, true)
)

select * from final
