-- The contact soorten (DDAS EnumContactsoort) that occur in the accepted attempts, each with its
-- own bit (1, 2, 4, ... in alphabetical order), so that int_monitor_aantallen can keep the set
-- of soorten tried on a melding as one number (bit_or) instead of a list: one cheap pass over
-- the attempt table. DDAS knows ten soorten, far below the 63 a bigint holds.
with pogingen as (
    select soort from int_contactpogingen
),

soorten as (
    select distinct soort from pogingen where soort is not null
),

final as (
    select
        soort,
        cast(1 as bigint) << cast(row_number() over (order by soort) - 1 as integer) as soort_bit,
    from soorten
)

select * from final
