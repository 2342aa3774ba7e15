-- Residents or addresses the gemeente must not approach (referentie/niet_benaderen.csv), by
-- address or BSN, until a date (no date: until further notice).
with geleverd as (
    select * from raw_niet_benaderen
),

final as (
    select
        case when postcode is not null and huisnummer is not null
            then sleutel_hash('adres', adres_norm(postcode, huisnummer, huisletter, huisnummertoevoeging)) end as adres_sleutel,
        bsn,
        tot,
    from geleverd
    where postcode is not null or bsn is not null
)

select * from final
