-- Every row read ends accepted, duplicate or quarantined: per file, rijen_gelezen equals
-- geaccepteerd + duplicaten + quarantaine; a skipped file (soort 'overgeslagen') has no rows at all.
-- Returns the files where it does not hold.
select soort, maand, bestand, rijen_gelezen, geaccepteerd, duplicaten, quarantaine
from bestanden
where (soort in ('signalen', 'contactpogingen', 'overgeslagen')
        and rijen_gelezen <> geaccepteerd + duplicaten + quarantaine)
    or (soort = 'overgeslagen' and rijen_gelezen <> 0)
