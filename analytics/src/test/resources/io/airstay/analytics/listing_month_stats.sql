-- gold.listing_month_stats computed by PostgreSQL alone, in one query: the cross-check of the Spark job (its test) and
-- the PostgreSQL side of deploy/bench/analytics.py. The services' silver schemas are reached through postgres_fdw as
-- the schemas search, availability and booking; psql variables start and end bound the months (end excluded).
with stays as (
    select property_id::text as property_id, check_in_date, check_out_date,
           coalesce(total_price, 0) / (check_out_date - check_in_date) as night_revenue
    from booking.bookings
    where booking_status in ('CONFIRMED', 'COMPLETED')
      and check_in_date < :'end'::date and check_out_date > :'start'::date
), booked as (
    select property_id, night::date as night, night_revenue
    from stays, generate_series(check_in_date, check_out_date - 1, interval '1 day') as night
    where night >= :'start'::date and night < :'end'::date
), calendar as (
    select property_id::text as property_id, calendar_date as night, blocked
    from availability.availability_calendar
    where calendar_date >= :'start'::date and calendar_date < :'end'::date
), night_counters as (
    select coalesce(c.property_id, b.property_id) as property_id,
           date_trunc('month', coalesce(c.night, b.night))::date as month,
           count(*) filter (where b.night is not null or not c.blocked) as nights_available,
           count(b.night) as nights_booked,
           coalesce(sum(b.night_revenue), 0) as revenue
    from calendar c full join booked b on b.property_id = c.property_id and b.night = c.night
    group by 1, 2
), check_ins as (
    select property_id::text as property_id, date_trunc('month', check_in_date)::date as month,
           count(*) as bookings,
           count(*) filter (where booking_status = 'CANCELED') as cancellations,
           count(*) filter (where booking_status <> 'CANCELED') as stays,
           coalesce(sum(check_in_date - (created_at at time zone 'UTC')::date)
                    filter (where booking_status <> 'CANCELED'), 0) as lead_days,
           coalesce(sum(check_out_date - check_in_date) filter (where booking_status <> 'CANCELED'), 0) as stay_nights
    from booking.bookings
    where booking_status in ('CONFIRMED', 'COMPLETED', 'CANCELED')
      and check_in_date >= :'start'::date and check_in_date < :'end'::date
    group by 1, 2
), counters as (
    select coalesce(n.property_id, c.property_id) as property_id, coalesce(n.month, c.month) as month,
           coalesce(n.nights_available, 0) as nights_available, coalesce(n.nights_booked, 0) as nights_booked,
           coalesce(n.revenue, 0) as revenue, coalesce(c.bookings, 0) as bookings,
           coalesce(c.cancellations, 0) as cancellations, coalesce(c.stays, 0) as stays,
           coalesce(c.lead_days, 0) as lead_days, coalesce(c.stay_nights, 0) as stay_nights
    from night_counters n full join check_ins c on c.property_id = n.property_id and c.month = n.month
)
select k.property_id, k.month, p.location_city as city, k.nights_available, k.nights_booked,
       (case when k.nights_available = 0 then 0
             else round(k.nights_booked::numeric / k.nights_available, 4) end)::numeric(7, 4) as occupancy_rate,
       round(k.revenue, 2)::numeric(14, 2) as revenue,
       (case when k.nights_booked = 0 then 0 else round(k.revenue / k.nights_booked, 2) end)::numeric(12, 2) as adr,
       (case when k.nights_available = 0 then 0 else round(k.revenue / k.nights_available, 2) end)::numeric(12, 2) as revpar,
       k.bookings, k.cancellations,
       (case when k.bookings = 0 then 0
             else round(k.cancellations::numeric / k.bookings, 4) end)::numeric(7, 4) as cancellation_rate,
       (case when k.stays = 0 then 0 else round(k.lead_days::numeric / k.stays, 2) end)::numeric(8, 2) as avg_lead_time_days,
       (case when k.stays = 0 then 0 else round(k.stay_nights::numeric / k.stays, 2) end)::numeric(8, 2) as avg_length_of_stay
from counters k join search.properties p on p.property_id::text = k.property_id
order by k.property_id, k.month
