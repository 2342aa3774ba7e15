-- materialisatie: view
-- What became of every parsed row of the monthly inputs (signals and contact attempts):
-- geaccepteerd, duplicaat, or quarantaine with a reason (conflicting signaal_id, unknown melding).
with signalen as (
    select 'signalen' as soort, partitie, bestand, rij, levering, reden,
        case when levering = 'quarantaine' then 'signaal_id' end as veld,
    from int_signaal_leveringen
),

contactpogingen as (
    select 'contactpogingen' as soort, partitie, bestand, rij, levering, reden,
        case when levering = 'quarantaine' then split_part(reden, ':', 1) end as veld,
    from int_contactpoging_leveringen
),

final as (
    select * from signalen
    union all
    select * from contactpogingen
)

select * from final
