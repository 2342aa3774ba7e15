-- Every input row that was not accepted and is not a duplicate, with file, row number, field
-- and reason: rows the ingestion could not parse or that broke a field rule, later deliveries
-- of a signaal_id with different content, and contact attempts for an unknown melding.
-- Never the row's values.
with bij_inlezen as (
    select soort, partitie as maand, bestand, rij, veld, reden from raw_quarantaine
),

na_inlezen as (
    select soort, partitie as maand, bestand, rij, veld, reden
    from int_leveringen
    where levering = 'quarantaine'
),

final as (
    select * from bij_inlezen
    union all
    select * from na_inlezen
)

select * from final
