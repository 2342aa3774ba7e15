-- One row per distinct received signal with its status before melding-level policy:
-- herhaalde melding (same creditor, same klantnummer or else address, same ontstaansdatum,
-- amount not higher than the highest earlier one), onterecht signaal (below the gemeente's
-- drempelbedrag (its policy file, else the default policy) without another signal at the address
-- that month), otherwise a candidate for a melding, with the candidate melding's id.
-- A signal from a DDAS delivery keeps the status the platform delivered (of its latest delivery
-- with the same content); only 'Nog niet opgepakt' (not decided yet) is decided as above.
-- The window functions work on the few columns they need; the wide rows are joined back at the end
-- (at national scale that keeps the sorts in memory).
with alle_leveringen as (
    select * from stg_signalen
),

geaccepteerd as (
    -- the first delivery of each signaal_id, as int_signaal_leveringen decides it
    select
        partitie, bestand, rij, signaal_id, gemeentecode, partner_sleutel, klant_sleutel, adres_sleutel,
        ontstaansdatum, signaaldatum, bedrag, maand,
        nullif(last_value(status_geleverd ignore nulls) over (
            partition by signaal_id, inhoud_hash order by partitie, bestand, rij
            rows between unbounded preceding and unbounded following
        ), 'Nog niet opgepakt') as status_geleverd,
    from alle_leveringen
    qualify row_number() over (partition by signaal_id order by partitie, bestand, rij) = 1
),

beleid as (
    select * from raw_beleid where gemeentecode <> '*'
),

standaard_beleid as (
    select drempelbedrag from raw_beleid where gemeentecode = '*'
),

herhaling as (
    select
        *,
        max(bedrag) over (
            partition by
                gemeentecode,
                partner_sleutel,
                coalesce('klant|' || klant_sleutel, 'adres|' || adres_sleutel),
                ontstaansdatum
            order by signaaldatum, signaal_id
            rows between unbounded preceding and 1 preceding
        ) as hoogste_eerdere_bedrag,
    from geaccepteerd
),

herhaald as (
    select
        *,
        case
            when status_geleverd is not null then status_geleverd = 'Niet opgepakt: herhaalde melding'
            else coalesce(ontstaansdatum is not null and bedrag <= hoogste_eerdere_bedrag, false)
        end as is_herhaald,
    from herhaling
),

drempel as (
    select
        herhaald.*,
        case
            when beleid.gemeentecode is not null then beleid.drempelbedrag
            when exists (select 1 from standaard_beleid) then (select drempelbedrag from standaard_beleid)
            else getvariable('drempelbedrag')
        end as drempelbedrag,
        count(*) filter (where not is_herhaald) over adres_maand as niet_herhaalde_signalen_adres_maand,
    from herhaald
    left join beleid using (gemeentecode)
    window adres_maand as (partition by gemeentecode, adres_sleutel, maand)
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
        * exclude (hoogste_eerdere_bedrag, niet_herhaalde_signalen_adres_maand),
        case when signaalstatus = 'Opgepakt' then
            gemeentecode || '-' || strftime(maand, '%Y%m') || '-'
            || left(md5(min(signaal_id) filter (where signaalstatus = 'Opgepakt') over adres_maand), 12)
        end as kandidaat_melding_id,
    from gestatust
    window adres_maand as (partition by gemeentecode, adres_sleutel, maand)
),

final as (
    select
        alle_leveringen.*,
        statussen.is_herhaald,
        statussen.status_geleverd is not null as status_van_platform,
        statussen.drempelbedrag,
        statussen.signaalstatus,
        statussen.kandidaat_melding_id,
    from statussen
    inner join alle_leveringen using (partitie, bestand, rij)
)

select * from final
