-- incrementeel: maand
-- Recurrence per melding (Divosa definitions; windows from configuration):
-- opeenvolgend = another received signal (any creditor, picked up or not) at the same
-- gemeente and address in months M-6..M-1; same versus another creditor among those;
-- meldingen in months M-11..M; the unbroken run of months ending at M; months since the
-- previous melding and the amount trend against it. Built for the months >= vanaf; earlier
-- signals and meldingen are read for the run's addresses only, through a few columns.
with meldingen as (
    select * from int_meldingen where maand >= getvariable('vanaf')
),

run_adressen as (
    select distinct gemeentecode, adres_sleutel from meldingen
),

signalen as (
    -- signals at the run's addresses from the earliest month a window reaches back to
    select gemeentecode, adres_sleutel, maand_index, partner_sleutel, kandidaat_melding_id
    from int_signalen
    semi join run_adressen using (gemeentecode, adres_sleutel)
    where maand >= getvariable('vanaf') - to_months(getvariable('opeenvolgend_maanden'))
),

melding_partners as (
    select distinct kandidaat_melding_id as melding_id, partner_sleutel
    from signalen
    where kandidaat_melding_id is not null
),

eerdere_signalen as (
    select distinct
        meldingen.melding_id,
        signalen.partner_sleutel,
        melding_partners.partner_sleutel is not null as is_zelfde_partner,
    from meldingen
    inner join signalen
        on signalen.gemeentecode = meldingen.gemeentecode
        and signalen.adres_sleutel = meldingen.adres_sleutel
        and signalen.maand_index between meldingen.maand_index - getvariable('opeenvolgend_maanden')
        and meldingen.maand_index - 1
    left join melding_partners
        on melding_partners.melding_id = meldingen.melding_id
        and melding_partners.partner_sleutel = signalen.partner_sleutel
),

opeenvolgend as (
    select
        melding_id,
        true as is_opeenvolgend,
        bool_or(is_zelfde_partner) as opeenvolgend_zelfde_partner,
        bool_or(not is_zelfde_partner) as opeenvolgend_andere_partner,
    from eerdere_signalen
    group by melding_id
),

adres_meldingen as (
    -- every melding, of any month, at the run's addresses: the history the windows below need
    select melding_id, gemeentecode, adres_sleutel, maand, maand_index, totaal_bedrag
    from int_meldingen
    semi join run_adressen using (gemeentecode, adres_sleutel)
),

reeks as (
    select
        melding_id,
        maand,
        count(*) over (
            partition by gemeentecode, adres_sleutel order by maand_index
            range between getvariable('jaar_maanden') - 1 preceding and current row
        ) as meldingen_12m,
        maand_index - row_number() over adres_tijd as eiland,
        maand_index - lag(maand_index) over adres_tijd as maanden_sinds_vorige,
        lag(totaal_bedrag) over adres_tijd as vorig_totaal_bedrag,
        count(*) over (partition by gemeentecode, adres_sleutel order by maand_index
            rows between unbounded preceding and 1 preceding) as eerdere_meldingen,
        gemeentecode,
        adres_sleutel,
        maand_index,
        totaal_bedrag,
    from adres_meldingen
    window adres_tijd as (partition by gemeentecode, adres_sleutel order by maand_index)
),

aaneengesloten as (
    select
        *,
        row_number() over (partition by gemeentecode, adres_sleutel, eiland order by maand_index)
            as aaneengesloten_maanden,
    from reeks
),

final as (
    select
        aaneengesloten.melding_id,
        aaneengesloten.maand,
        coalesce(opeenvolgend.is_opeenvolgend, false) as is_opeenvolgend,
        coalesce(opeenvolgend.opeenvolgend_zelfde_partner, false) as opeenvolgend_zelfde_partner,
        coalesce(opeenvolgend.opeenvolgend_andere_partner, false) as opeenvolgend_andere_partner,
        aaneengesloten.meldingen_12m,
        aaneengesloten.aaneengesloten_maanden,
        aaneengesloten.maanden_sinds_vorige,
        case
            when aaneengesloten.vorig_totaal_bedrag is null then null
            when aaneengesloten.totaal_bedrag > aaneengesloten.vorig_totaal_bedrag then 'hoger'
            when aaneengesloten.totaal_bedrag < aaneengesloten.vorig_totaal_bedrag then 'lager'
            else 'gelijk'
        end as bedrag_trend,
        aaneengesloten.eerdere_meldingen,
    from aaneengesloten
    left join opeenvolgend using (melding_id)
    where aaneengesloten.maand >= getvariable('vanaf')
)

select * from final
