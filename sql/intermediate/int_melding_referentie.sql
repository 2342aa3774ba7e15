-- incrementeel: maand
-- What the gemeente's reference files say about each candidate melding: minor children in
-- the household, on the do-not-approach list (by address or BSN, until its date), already
-- known at schuldhulpverlening (by address or BSN).
with kandidaten as (
    select melding_id, adres_sleutel, maand from int_melding_kandidaten where maand >= getvariable('vanaf')
),

melding_bsns as (
    select distinct kandidaat_melding_id as melding_id, bsn
    from int_signalen
    where kandidaat_melding_id is not null and bsn is not null and maand >= getvariable('vanaf')
),

huishoudens as (
    select * from stg_huishoudens
),

niet_benaderen as (
    select * from stg_niet_benaderen
),

bekend_shv as (
    select * from stg_bekend_shv
),

final as (
    select
        kandidaten.melding_id,
        kandidaten.maand,
        huishoudens.minderjarige_kinderen,
        exists (
            select 1 from niet_benaderen as nb
            where (nb.adres_sleutel = kandidaten.adres_sleutel
                   or nb.bsn in (select bsn from melding_bsns as mb where mb.melding_id = kandidaten.melding_id))
                and (nb.tot is null or kandidaten.maand <= nb.tot)
        ) as niet_benaderen,
        exists (
            select 1 from bekend_shv as shv
            where shv.adres_sleutel = kandidaten.adres_sleutel
                or shv.bsn in (select bsn from melding_bsns as mb where mb.melding_id = kandidaten.melding_id)
        ) as bekend_shv,
    from kandidaten
    left join huishoudens using (adres_sleutel)
)

select * from final
