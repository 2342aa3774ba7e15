-- incrementeel: maand
-- One feature row per candidate melding for the policy engine (pipeline/policy FEATURE_SCHEMA):
-- same-month facts, recurrence, contact history and the reference files.
with kandidaten as (
    select * from int_melding_kandidaten where maand >= getvariable('vanaf')
),

herhaling as (
    select * from int_melding_herhaling where maand >= getvariable('vanaf')
),

historie as (
    select * from int_melding_historie where maand >= getvariable('vanaf')
),

referentie as (
    select * from int_melding_referentie where maand >= getvariable('vanaf')
),

final as (
    select
        kandidaten.melding_id,
        kandidaten.gemeentecode,
        kandidaten.maand,
        kandidaten.leeftijd,
        cast(kandidaten.totaal_bedrag as double) as totaal_bedrag,
        kandidaten.aantal_signalen,
        kandidaten.is_meervoudig,
        coalesce(herhaling.is_opeenvolgend, false) as is_opeenvolgend,
        coalesce(herhaling.meldingen_12m, 1) as meldingen_12m,
        kandidaten.is_crisis,
        kandidaten.signaalpartner_types,
        referentie.minderjarige_kinderen,
        kandidaten.telefoon_bekend,
        kandidaten.email_bekend,
        historie.eerdere_meldingen,
        herhaling.maanden_sinds_vorige,
        herhaling.bedrag_trend,
        coalesce(herhaling.opeenvolgend_zelfde_partner, false) as opeenvolgend_zelfde_partner,
        coalesce(herhaling.opeenvolgend_andere_partner, false) as opeenvolgend_andere_partner,
        historie.eerder_bereikt,
        historie.eerder_contactpoging,
        historie.vorig_resultaat,
        historie.vorige_soorten,
        historie.vorige_consulent,
        historie.zonder_contact_op_rij,
        referentie.niet_benaderen,
        referentie.bekend_shv,
    from kandidaten
    inner join historie using (melding_id, maand)
    inner join referentie using (melding_id, maand)
    left join herhaling using (melding_id, maand)
)

select * from final
