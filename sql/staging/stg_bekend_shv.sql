-- Residents already known at schuldhulpverlening (referentie/bekend_shv.csv), by BSN or address.
with geleverd as (
    select * from raw_bekend_shv
),

final as (
    select distinct
        case when postcode is not null and huisnummer is not null
            then sleutel_hash('adres', adres_norm(postcode, huisnummer, huisletter, huisnummertoevoeging)) end as adres_sleutel,
        bsn,
    from geleverd
    where postcode is not null or bsn is not null
)

select * from final
