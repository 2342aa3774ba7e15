-- incrementeel: maand
-- Meldingen: the candidate meldingen the gemeente's policy picks up (melding_opname says
-- which are not, e.g. below Leiden's melding-level drempel). A melding whose signals a DDAS
-- delivery reported as 'Opgepakt' is one: the platform already picked it up.
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
    where coalesce(opname.opgepakt, true) or kandidaten.opgepakt_door_platform
)

select * from final
