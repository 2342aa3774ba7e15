-- Households from referentie/huishoudens.csv: the number of minor children per address
-- (the last delivered row wins when an address appears twice).
with geleverd as (
    select * from raw_huishoudens
),

final as (
    select
        sleutel_hash('adres', adres_norm(postcode, huisnummer, huisletter, huisnummertoevoeging)) as adres_sleutel,
        arg_max(minderjarige_kinderen, (bestand, rij)) as minderjarige_kinderen,
    from geleverd
    group by adres_sleutel
)

select * from final
