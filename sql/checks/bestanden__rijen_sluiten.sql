-- Every row read ends accepted, duplicate or quarantined: per file, rijen_gelezen equals
-- geaccepteerd + duplicaten + quarantaine. Returns the files where it does not hold.
select soort, maand, bestand, rijen_gelezen, geaccepteerd, duplicaten, quarantaine
from bestanden
where soort in ('signalen', 'contactpogingen')
    and rijen_gelezen <> geaccepteerd + duplicaten + quarantaine
