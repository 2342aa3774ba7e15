-- Households from referentie/huishoudens.csv: the number of minor children per address
-- (the last delivered row wins when an address appears twice).
with geleverd as (
    select * from raw_huishoudens
),

final as (
    select
        adres_norm(postcode, huisnummer, huisnummertoevoeging) as adres,
        arg_max(minderjarige_kinderen, (bestand, rij)) as minderjarige_kinderen,
    from geleverd
    group by adres
)

select * from final
