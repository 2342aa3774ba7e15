-- Which contact-attempt rows count: the first delivery of identical content is accepted, a
-- later identical one is a duplicate; an attempt for a melding_id the pipeline never issued,
-- or dated before the melding's month, is quarantined with its reason.
with rijen as (
    select * from int_contactpoging_rijen
),

kandidaten as (
    select melding_id, maand from int_melding_kandidaten
),

geordend as (
    select
        rijen.partitie,
        rijen.bestand,
        rijen.rij,
        rijen.melding_id,
        kandidaten.maand as melding_maand,
        rijen.contactdatum,
        rijen.zaak_signaal_id,
        row_number() over (partition by rijen.inhoud_hash order by rijen.partitie, rijen.bestand, rijen.rij)
            as levering_volgnummer,
    from rijen
    left join kandidaten using (melding_id)
),

final as (
    select
        partitie,
        bestand,
        rij,
        case
            when melding_maand is null then 'quarantaine'
            when contactdatum < melding_maand then 'quarantaine'
            when levering_volgnummer = 1 then 'geaccepteerd'
            else 'duplicaat'
        end as levering,
        case
            when melding_maand is null and zaak_signaal_id is not null
                then 'vroegsignalen: de vroegsignaalzaak hoort bij geen melding (haar signaal is niet opgepakt)'
            when melding_maand is null then 'melding_id: onbekende melding'
            when contactdatum < melding_maand then 'contactdatum: ligt voor de maand van de melding'
        end as reden,
    from geordend
)

select * from final
