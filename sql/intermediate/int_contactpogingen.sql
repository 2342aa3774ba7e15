-- incrementeel: maand
-- Accepted contact attempts, each with the melding, address and month it belongs to
-- (`maand` = `melding_maand`, the month of the melding).
with pogingen as (
    select stg.*
    from int_contactpoging_rijen as stg
    inner join int_contactpoging_leveringen as lev using (partitie, bestand, rij)
    where lev.levering = 'geaccepteerd' and lev.maand >= getvariable('vanaf')
),

kandidaten as (
    select melding_id, gemeentecode, adres_sleutel, maand, maand_index
    from int_melding_kandidaten
    where maand >= getvariable('vanaf')
),

final as (
    select
        pogingen.melding_id,
        kandidaten.gemeentecode,
        kandidaten.adres_sleutel,
        kandidaten.maand,
        kandidaten.maand as melding_maand,
        kandidaten.maand_index as melding_maand_index,
        pogingen.contactdatum,
        pogingen.soort,
        pogingen.bereikt,
        pogingen.dagdeel,
        pogingen.medewerker,
        pogingen.resultaat,
        pogingen.resultaatdatum,
        pogingen.bestand,
        pogingen.rij,
    from pogingen
    inner join kandidaten using (melding_id)
)

select * from final
