-- The reference of `make bench`: the core recurrence of the Divosa monitor in plain DuckDB SQL,
-- straight over the landing folder's signal files (Parquet, as `generate --national` writes them).
-- Nothing else: no ingestion rules, keys, herhaalde meldingen, policies, checks or publication.
-- Variables (set by benchmarks/minimal.py, which also writes the table to Parquet): signaalbestanden
-- (a glob), drempelbedrag, opeenvolgend_maanden, jaar_maanden, drie_in_jaar.
-- Per gemeente and month: meldingen (signals per address per month, a signal below the drempel
-- counts only with another signal at the address that month), meervoudig (2+ signals),
-- opeenvolgend (another received signal at the address in M-6..M-1), three in a year (meldingen
-- at the address in M-11..M >= 3), enkelvoudig (neither), and their shares.
create or replace table kern_monitor as
with geleverd as (
    select
        signaal_id,
        gemeentecode,
        upper(replace(postcode, ' ', '')) || '|' || huisnummer || '|'
            || coalesce(regexp_replace(upper(huisnummertoevoeging), '[\s\-]', '', 'g'), '') as adres,
        cast(date_trunc('month', signaaldatum) as date) as maand,
        bedrag,
        filename,
    from read_parquet(getvariable('signaalbestanden'), union_by_name = true, filename = true)
),

-- the first delivery of each signaal_id counts
signalen as (
    select *, year(maand) * 12 + month(maand) - 1 as maand_index,
    from geleverd
    qualify row_number() over (partition by signaal_id order by filename) = 1
),

per_adres_maand as (
    select
        gemeentecode,
        adres,
        maand,
        any_value(maand_index) as maand_index,
        count(*) as ontvangen,
        count(*) filter (where bedrag >= getvariable('drempelbedrag')) as boven_drempel,
    from signalen
    group by gemeentecode, adres, maand
),

reeks as (
    select
        *,
        -- any received signal at the address in M-6..M-1 (picked up or not)
        coalesce(sum(ontvangen) over (
            partition by gemeentecode, adres order by maand_index
            range between getvariable('opeenvolgend_maanden') preceding and 1 preceding
        ), 0) > 0 as is_opeenvolgend,
    from per_adres_maand
),

meldingen as (
    select
        *,
        ontvangen >= 2 as is_meervoudig,
        count(*) over (
            partition by gemeentecode, adres order by maand_index
            range between getvariable('jaar_maanden') - 1 preceding and current row
        ) as meldingen_12m,
    from reeks
    where boven_drempel > 0 or ontvangen >= 2
),

per_maand as (
    select
        gemeentecode,
        maand,
        count(*) as aantal_meldingen,
        count(*) filter (where is_meervoudig) as aantal_meervoudig,
        count(*) filter (where is_opeenvolgend) as aantal_opeenvolgend,
        count(*) filter (where meldingen_12m >= getvariable('drie_in_jaar')) as aantal_drie_in_jaar,
        count(*) filter (where not is_meervoudig and not is_opeenvolgend) as aantal_enkelvoudig,
        sum(ontvangen) as aantal_signalen,
    from meldingen
    group by gemeentecode, maand
)

select
    *,
    aantal_enkelvoudig / aantal_meldingen as aandeel_enkelvoudig,
    aantal_meervoudig / aantal_meldingen as aandeel_meervoudig,
    aantal_opeenvolgend / aantal_meldingen as aandeel_opeenvolgend,
    aantal_drie_in_jaar / aantal_meldingen as aandeel_drie_in_jaar,
from per_maand
order by gemeentecode, maand;
