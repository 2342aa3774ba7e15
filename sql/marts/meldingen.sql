-- incrementeel: maand
-- One row per melding (the picked-up signals of one address in one month of one gemeente)
-- with its recurrence: meervoudig, opeenvolgend (any signal at the address in M-6..M-1),
-- same or another creditor, meldingen in the last 12 months, the unbroken run, months since
-- the previous melding and the amount trend. Keys are keyed hashes; the age is a band.
with meldingen as (
    select * from int_meldingen where maand >= getvariable('vanaf')
),

herhaling as (
    select * from int_melding_herhaling where maand >= getvariable('vanaf')
),

final as (
    select
        meldingen.melding_id,
        meldingen.gemeentecode,
        meldingen.maand,
        meldingen.adres_sleutel,
        meldingen.inwoner_sleutel,
        meldingen.aantal_signalen,
        meldingen.aantal_signaalpartners,
        meldingen.totaal_bedrag,
        meldingen.is_meervoudig,
        herhaling.is_opeenvolgend,
        not meldingen.is_meervoudig and not herhaling.is_opeenvolgend as is_enkelvoudig,
        herhaling.opeenvolgend_zelfde_partner,
        herhaling.opeenvolgend_andere_partner,
        herhaling.meldingen_12m,
        herhaling.aaneengesloten_maanden,
        herhaling.maanden_sinds_vorige,
        herhaling.bedrag_trend,
        meldingen.is_crisis,
        meldingen.warme_overdracht,
        meldingen.signaalpartner_types,
        herhaling.eerdere_meldingen,
        meldingen.telefoon_bekend,
        meldingen.email_bekend,
        case
            when meldingen.leeftijd is null then 'onbekend'
            when meldingen.leeftijd < 18 then 'onder 18'
            when meldingen.leeftijd < 27 then '18-26'
            when meldingen.leeftijd < 45 then '27-44'
            when meldingen.leeftijd < 67 then '45-66'
            else '67+'
        end as leeftijdsklasse,
    from meldingen
    inner join herhaling using (melding_id, maand)
)

select * from final
