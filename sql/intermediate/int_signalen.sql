-- incrementeel: maand
-- One row per distinct received signal with its status before melding-level policy:
-- herhaalde melding (same creditor, same klantnummer or else address, same ontstaansdatum,
-- amount not higher than the highest earlier one), onterecht signaal (below the gemeente's
-- drempelbedrag (its policy version for the month, else the default policy) without another
-- signal at the address that month), otherwise a candidate for a melding, with the candidate
-- melding's id. A signal from a DDAS delivery keeps the status the platform delivered (of its latest
-- delivery with the same content); only 'Nog niet opgepakt' is decided as above. Built for the months >= vanaf; earlier signals of the same arrear are read through
-- a few columns (a semi-join on the arrear key), never re-derived. The wide rows are joined back
-- at the end.
with run_leveringen as (
    select * from stg_signalen where maand >= getvariable('vanaf')
),

geaccepteerd as (
    -- the first delivery of each signaal_id, as int_signaal_leveringen decides it
    select
        partitie, bestand, rij, signaal_id, gemeentecode, partner_sleutel, klant_sleutel, adres_sleutel,
        ontstaansdatum, signaaldatum, bedrag, maand,
    from run_leveringen
    semi join (
        select partitie, bestand, rij from int_signaal_leveringen
        where levering = 'geaccepteerd' and maand >= getvariable('vanaf')
    ) as lev using (partitie, bestand, rij)
),

geleverde_statussen as (
    -- the status a DDAS platform delivered, from the latest delivery with the same content
    select
        alle.signaal_id,
        arg_max(alle.status_geleverd, (alle.partitie, alle.bestand, alle.rij)) as status_geleverd,
    from stg_signalen as alle
    semi join (select signaal_id, inhoud_hash from run_leveringen) as run using (signaal_id, inhoud_hash)
    where alle.status_geleverd is not null
    group by alle.signaal_id
),

met_schuldsleutel as (
    select
        *,
        coalesce('klant|' || klant_sleutel, 'adres|' || adres_sleutel) as schuld_sleutel,
        nullif(geleverde_statussen.status_geleverd, 'Nog niet opgepakt') as status_geleverd,
    from geaccepteerd
    left join geleverde_statussen using (signaal_id)
),

run_schulden as (
    select distinct gemeentecode, partner_sleutel, schuld_sleutel, ontstaansdatum
    from met_schuldsleutel
    where ontstaansdatum is not null
),

eerdere_schulden as (
    -- accepted signals of earlier months with an arrear key of the run: only the columns the window needs
    select
        vorig.gemeentecode, vorig.partner_sleutel,
        coalesce('klant|' || vorig.klant_sleutel, 'adres|' || vorig.adres_sleutel) as schuld_sleutel,
        vorig.ontstaansdatum, vorig.signaaldatum, vorig.signaal_id, vorig.bedrag,
    from stg_signalen as vorig
    semi join (
        select partitie, bestand, rij from int_signaal_leveringen
        where levering = 'geaccepteerd' and maand < getvariable('vanaf')
    ) as lev using (partitie, bestand, rij)
    semi join run_schulden
        on run_schulden.gemeentecode = vorig.gemeentecode
        and run_schulden.partner_sleutel = vorig.partner_sleutel
        and run_schulden.schuld_sleutel = coalesce('klant|' || vorig.klant_sleutel, 'adres|' || vorig.adres_sleutel)
        and run_schulden.ontstaansdatum = vorig.ontstaansdatum
    where vorig.maand < getvariable('vanaf')
),

schuldreeksen as (
    select gemeentecode, partner_sleutel, schuld_sleutel, ontstaansdatum, signaaldatum, signaal_id, bedrag,
        true as in_run,
    from met_schuldsleutel
    where ontstaansdatum is not null
    union all
    select *, false as in_run from eerdere_schulden
),

hoogste_eerdere as (
    select
        signaal_id,
        in_run,
        max(bedrag) over (
            partition by gemeentecode, partner_sleutel, schuld_sleutel, ontstaansdatum
            order by signaaldatum, signaal_id
            rows between unbounded preceding and 1 preceding
        ) as hoogste_eerdere_bedrag,
    from schuldreeksen
),

herhaald as (
    select
        met_schuldsleutel.* exclude (schuld_sleutel),
        case
            when met_schuldsleutel.status_geleverd is not null
                then met_schuldsleutel.status_geleverd = 'Niet opgepakt: herhaalde melding'
            else coalesce(
                met_schuldsleutel.ontstaansdatum is not null and met_schuldsleutel.bedrag <= hoogste.hoogste_eerdere_bedrag,
                false
            )
        end as is_herhaald,
    from met_schuldsleutel
    left join hoogste_eerdere as hoogste
        on hoogste.signaal_id = met_schuldsleutel.signaal_id and hoogste.in_run
),

drempel as (
    select
        herhaald.*,
        case
            when beleid.gemeentecode is not null then beleid.drempelbedrag
            when standaard.gemeentecode is not null then standaard.drempelbedrag
            else getvariable('drempelbedrag')
        end as drempelbedrag,
        count(*) filter (where not is_herhaald) over adres_maand as niet_herhaalde_signalen_adres_maand,
    from herhaald
    left join raw_beleid as beleid
        on beleid.gemeentecode = herhaald.gemeentecode
        and herhaald.maand >= beleid.geldig_vanaf
        and (beleid.geldig_tot is null or herhaald.maand < beleid.geldig_tot)
    left join raw_beleid as standaard
        on standaard.gemeentecode = '*'
        and herhaald.maand >= standaard.geldig_vanaf
        and (standaard.geldig_tot is null or herhaald.maand < standaard.geldig_tot)
    window adres_maand as (partition by herhaald.gemeentecode, herhaald.adres_sleutel, herhaald.maand)
),

gestatust as (
    select
        *,
        case
            when status_geleverd is not null then status_geleverd
            when is_herhaald then 'Niet opgepakt: herhaalde melding'
            when bedrag < drempelbedrag and niet_herhaalde_signalen_adres_maand < 2
                then 'Niet opgepakt: onterecht signaal'
            else 'Opgepakt'
        end as signaalstatus,
    from drempel
),

statussen as (
    select
        * exclude (niet_herhaalde_signalen_adres_maand),
        case when signaalstatus = 'Opgepakt' then
            gemeentecode || '-' || strftime(maand, '%Y%m') || '-'
            || left(md5(min(signaal_id) filter (where signaalstatus = 'Opgepakt') over adres_maand), 12)
        end as kandidaat_melding_id,
    from gestatust
    window adres_maand as (partition by gemeentecode, adres_sleutel, maand)
),

final as (
    select
        run_leveringen.*,
        statussen.is_herhaald,
        statussen.status_geleverd is not null as status_van_platform,
        statussen.drempelbedrag,
        statussen.signaalstatus,
        statussen.kandidaat_melding_id,
    from statussen
    inner join run_leveringen using (partitie, bestand, rij)
)

select * from final
