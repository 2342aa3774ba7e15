-- incrementeel: maand
-- Candidate meldingen: the signals a gemeente picks up, grouped per gemeente, address and
-- signal month, before melding-level pick-up rules of the policy (such as Leiden's drempel).
-- The resident of a melding is taken from its largest signal (ties: lowest signaal_id), and so is
-- its age (whole years at the end of the month, computed when the signal was ingested).
-- opgepakt_door_platform: a DDAS delivery said 'Opgepakt' for one of its signals.
with signalen as (
    select * from int_signalen where signaalstatus = 'Opgepakt' and maand >= getvariable('vanaf')
),

gegroepeerd as (
    select
        kandidaat_melding_id as melding_id,
        gemeentecode,
        maand,
        any_value(maand_index) as maand_index,
        any_value(adres) as adres,
        any_value(adres_sleutel) as adres_sleutel,
        arg_min(inwoner_sleutel, (-bedrag, signaal_id)) as inwoner_sleutel,
        arg_min(geboortedatum, (-bedrag, signaal_id)) as geboortedatum,
        arg_min(leeftijd, (-bedrag, signaal_id)) as leeftijd,
        count(*) as aantal_signalen,
        count(distinct partner_sleutel) as aantal_signaalpartners,
        cast(sum(bedrag) as decimal(14, 2)) as totaal_bedrag,
        bool_or(is_crisis) as is_crisis,
        bool_or(warme_overdracht) as warme_overdracht,
        bool_or(heeft_telefoon) as telefoon_bekend,
        bool_or(heeft_email) as email_bekend,
        list(distinct signaalpartner_type order by signaalpartner_type) as signaalpartner_types,
        min(signaaldatum) as eerste_signaaldatum,
        bool_or(status_van_platform) as opgepakt_door_platform,
    from signalen
    group by kandidaat_melding_id, gemeentecode, maand
),

final as (
    select
        *,
        aantal_signalen >= 2 as is_meervoudig,
    from gegroepeerd
)

select * from final
