-- incrementeel: maand
-- One row per distinct received signal, with its DDAS status and the melding it belongs to
-- (null when not picked up). Pseudonymised: no name, address, BSN, birth date, phone or e-mail.
with signalen as (
    select * from int_signalen where maand >= getvariable('vanaf')
),

opname as (
    select * from melding_opname
),

meldingen as (
    select melding_id from int_meldingen where maand >= getvariable('vanaf')
),

final as (
    select
        signalen.signaal_id,
        signalen.gemeentecode,
        signalen.maand,
        signalen.signaaldatum,
        signalen.signaalpartner_type,
        signalen.signaalpartner_naam,
        signalen.bedrag,
        signalen.is_crisis,
        signalen.warme_overdracht,
        case
            when signalen.signaalstatus = 'Opgepakt' and meldingen.melding_id is null
                then coalesce(opname.signaalstatus, 'Niet opgepakt: andere reden')
            else signalen.signaalstatus
        end as status,
        meldingen.melding_id,
        signalen.adres_sleutel,
        signalen.heeft_telefoon,
        signalen.heeft_email,
    from signalen
    left join meldingen on meldingen.melding_id = signalen.kandidaat_melding_id
    left join opname on opname.melding_id = signalen.kandidaat_melding_id
)

select * from final
