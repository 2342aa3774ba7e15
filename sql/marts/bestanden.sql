-- Every file read, with its fingerprint and what became of its rows:
-- rijen_gelezen = geaccepteerd + duplicaten + quarantaine for every file. A file in a month folder
-- that is not an export (a note, a lock file, a PDF) has soort 'overgeslagen', no rows and its reden.
with bestanden as (
    select * from raw_bestanden
),

leveringen as (
    select
        soort,
        partitie,
        bestand,
        count(*) filter (where levering = 'geaccepteerd') as geaccepteerd,
        count(*) filter (where levering = 'duplicaat') as duplicaten,
    from int_leveringen
    group by soort, partitie, bestand
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
        case when bestanden.soort in ('signalen', 'contactpogingen')
            then coalesce(leveringen.geaccepteerd, 0)
            else bestanden.rijen_gelezen - coalesce(quarantaine_per_bestand.quarantaine, 0)
        end as geaccepteerd,
        coalesce(leveringen.duplicaten, 0) as duplicaten,
        coalesce(quarantaine_per_bestand.quarantaine, 0) as quarantaine,
        bestanden.extra_kolommen,
        bestanden.reden,
    from bestanden
    left join leveringen
        on leveringen.soort = bestanden.soort
        and leveringen.bestand = bestanden.bestand
        and leveringen.partitie is not distinct from bestanden.partitie
    left join quarantaine_per_bestand
        on quarantaine_per_bestand.soort = bestanden.soort
        and quarantaine_per_bestand.bestand = bestanden.bestand
        and quarantaine_per_bestand.partitie is not distinct from bestanden.partitie
)

select * from final
