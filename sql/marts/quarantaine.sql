-- Every input row that was not accepted and is not a duplicate, with file, row number, field
-- and reason: rows the ingestion could not parse or that broke a field rule, and later
-- deliveries of a signaal_id with different content. Never the row's values.
with bij_inlezen as (
    select soort, partitie as maand, bestand, rij, veld, reden from raw_quarantaine
),

conflicten as (
    select
        'signalen' as soort,
        partitie as maand,
        bestand,
        rij,
        'signaal_id' as veld,
        'signaal_id: eerder geleverd met een andere inhoud' as reden,
    from int_signaal_leveringen
    where levering = 'conflict'
),

final as (
    select * from bij_inlezen
    union all
    select * from conflicten
)

select * from final
