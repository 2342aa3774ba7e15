-- Every delivered contact-attempt row with the melding it is for. A case-system export or a
-- werkvoorraad names the melding_id as published in aanpaklijst; an attempt of a DDAS
-- vroegsignaalzaak names the zaak's lowest signal ID instead and belongs to the pipeline's melding
-- of that signal (null when that signal is in no melding). A DDAS attempt carries the result of
-- the latest delivery of the same attempt.
with rijen as (
    select * from stg_contactpogingen
),

signalen as (
    select signaal_id, kandidaat_melding_id from int_signalen
),

final as (
    select
        rijen.* replace (
            coalesce(rijen.melding_id, signalen.kandidaat_melding_id) as melding_id,
            case
                when rijen.zaak_signaal_id is null then rijen.resultaat
                else last_value(rijen.resultaat ignore nulls) over (
                    partition by rijen.inhoud_hash order by rijen.partitie, rijen.bestand, rijen.rij
                    rows between unbounded preceding and unbounded following
                )
            end as resultaat
        ),
    from rijen
    left join signalen on signalen.signaal_id = rijen.zaak_signaal_id
)

select * from final
