-- Every file read, with its fingerprint and what became of its rows:
-- rijen_gelezen = geaccepteerd + duplicaten + quarantaine for every file.
with bestanden as (
    select * from raw_bestanden
),

leveringen as (
    select
        partitie,
        bestand,
        count(*) filter (where levering = 'geaccepteerd') as geaccepteerd,
        count(*) filter (where levering = 'duplicaat') as duplicaten,
    from int_signaal_leveringen
    group by partitie, bestand
),

quarantaine_per_bestand as (
    select soort, maand as partitie, bestand, count(*) as quarantaine
    from quarantaine
    group by soort, maand, bestand
),

final as (
    select
        bestanden.soort,
        bestanden.partitie as maand,
        bestanden.bestand,
        bestanden.sha256,
        bestanden.formaat,
        bestanden.tekenset,
        bestanden.rijen_gelezen,
        coalesce(leveringen.geaccepteerd, 0) as geaccepteerd,
        coalesce(leveringen.duplicaten, 0) as duplicaten,
        coalesce(quarantaine_per_bestand.quarantaine, 0) as quarantaine,
        bestanden.extra_kolommen,
    from bestanden
    left join leveringen using (partitie, bestand)
    left join quarantaine_per_bestand using (soort, partitie, bestand)
)

select * from final
