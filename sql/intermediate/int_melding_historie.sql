-- incrementeel: maand
-- Contact history per candidate melding, using only data dated up to the end of the
-- melding's month (a rerun next year gives the same answer for this month): earlier
-- meldingen at the address, whether any earlier attempt reached the resident, the result of
-- the last closed melding, the contact types tried on the previous melding, the consultant
-- of the last contact or attempt, and zonder_contact_op_rij (earlier consecutive meldingen,
-- counting back from the previous one, that had attempts but no contact).
with kandidaten as (
    select melding_id, gemeentecode, adres_sleutel, maand, maand_index, last_day(maand) as einde
    from int_melding_kandidaten
    where maand >= getvariable('vanaf')
),

eerdere_meldingen as (
    select melding_id, gemeentecode, adres_sleutel, maand_index from int_meldingen
    semi join (select distinct gemeentecode, adres_sleutel from kandidaten) as run_adressen
        using (gemeentecode, adres_sleutel)
),

pogingen as (
    select * from int_contactpogingen
),

-- every earlier melding at the address, numbered backwards from the previous one
paren as (
    select
        kandidaten.melding_id,
        kandidaten.einde,
        eerdere.melding_id as eerdere_melding_id,
        row_number() over (partition by kandidaten.melding_id order by eerdere.maand_index desc) as terug,
    from kandidaten
    inner join eerdere_meldingen as eerdere
        on eerdere.gemeentecode = kandidaten.gemeentecode
        and eerdere.adres_sleutel = kandidaten.adres_sleutel
        and eerdere.maand_index < kandidaten.maand_index
),

-- what happened on each earlier melding, as known at the end of the later melding's month
per_eerdere as (
    select
        paren.melding_id,
        paren.terug,
        count(pogingen.soort) as aantal_pogingen,
        coalesce(bool_or(pogingen.bereikt), false) as bereikt,
        list(distinct pogingen.soort order by pogingen.soort) filter (where pogingen.soort is not null) as soorten,
        arg_max(pogingen.resultaat, (pogingen.resultaatdatum, pogingen.contactdatum))
            filter (where pogingen.resultaat is not null and coalesce(pogingen.resultaatdatum, pogingen.contactdatum) <= paren.einde)
            as resultaat,
        arg_max(pogingen.medewerker, (pogingen.contactdatum, pogingen.rij)) filter (where pogingen.medewerker is not null)
            as laatste_medewerker,
        max(pogingen.contactdatum) filter (where pogingen.medewerker is not null) as laatste_contactdatum,
    from paren
    left join pogingen
        on pogingen.melding_id = paren.eerdere_melding_id
        and pogingen.contactdatum <= paren.einde
    group by paren.melding_id, paren.terug
),

samengevat as (
    select
        melding_id,
        count(*) as eerdere_meldingen,
        bool_or(aantal_pogingen > 0) as eerder_contactpoging,
        bool_or(bereikt) as eerder_bereikt,
        arg_min(resultaat, terug) filter (where resultaat is not null) as vorig_resultaat,
        arg_min(soorten, terug) filter (where terug = 1) as vorige_soorten,
        arg_max(laatste_medewerker, laatste_contactdatum) filter (where laatste_medewerker is not null)
            as vorige_consulent,
        coalesce(min(terug) filter (where aantal_pogingen = 0 or bereikt), count(*) + 1) - 1
            as zonder_contact_op_rij,
    from per_eerdere
    group by melding_id
),

final as (
    select
        kandidaten.melding_id,
        kandidaten.maand,
        coalesce(samengevat.eerdere_meldingen, 0) as eerdere_meldingen,
        coalesce(samengevat.eerder_contactpoging, false) as eerder_contactpoging,
        coalesce(samengevat.eerder_bereikt, false) as eerder_bereikt,
        samengevat.vorig_resultaat,
        coalesce(samengevat.vorige_soorten, []::varchar[]) as vorige_soorten,
        samengevat.vorige_consulent,
        coalesce(samengevat.zonder_contact_op_rij, 0) as zonder_contact_op_rij,
    from kandidaten
    left join samengevat using (melding_id)
)

select * from final
