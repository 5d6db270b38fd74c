-- The PostgreSQL side of the benchmark, after listing_month_stats.sql filled the temporary table listing_months: the
-- listings' months rolled up per city, with the reviews written in the month (the schema review, as the listings'
-- query has search, availability and booking). It sums the listings' rounded revenue and averages, so a city's cents
-- may differ from the job's, which sums the unrounded counters; the work is the same.
create temporary table city_months as
with cities as (
    select city, month, count(*) as listings, sum(nights_available) as nights_available,
           sum(nights_booked) as nights_booked, sum(revenue) as revenue, sum(bookings) as bookings,
           sum(cancellations) as cancellations, sum(bookings - cancellations) as stays,
           sum(avg_lead_time_days * (bookings - cancellations)) as lead_days,
           sum(avg_length_of_stay * (bookings - cancellations)) as stay_nights
    from listing_months group by city, month
), reviews as (
    select p.location_city as city, date_trunc('month', r.created_at at time zone 'UTC')::date as month,
           count(*) as reviews, sum(r.rating) as rating_sum,
           count(*) filter (where r.sentiment_label = 'positive') as reviews_positive,
           count(*) filter (where r.sentiment_label = 'neutral') as reviews_neutral,
           count(*) filter (where r.sentiment_label = 'negative') as reviews_negative
    from review.reviews r join search.properties p on p.property_id = r.property_id
    where r.created_at >= :'start'::timestamp at time zone 'UTC' and r.created_at < :'end'::timestamp at time zone 'UTC'
    group by 1, 2
)
select coalesce(c.city, r.city) as city, coalesce(c.month, r.month) as month, coalesce(c.listings, 0) as listings,
       coalesce(c.nights_available, 0) as nights_available, coalesce(c.nights_booked, 0) as nights_booked,
       case when coalesce(c.nights_available, 0) = 0 then 0 else round(c.nights_booked::numeric / c.nights_available, 4) end
           as occupancy_rate,
       coalesce(c.revenue, 0) as revenue,
       case when coalesce(c.nights_booked, 0) = 0 then 0 else round(c.revenue / c.nights_booked, 2) end as adr,
       case when coalesce(c.nights_available, 0) = 0 then 0 else round(c.revenue / c.nights_available, 2) end as revpar,
       coalesce(c.bookings, 0) as bookings, coalesce(c.cancellations, 0) as cancellations,
       case when coalesce(c.bookings, 0) = 0 then 0 else round(c.cancellations::numeric / c.bookings, 4) end
           as cancellation_rate,
       case when coalesce(c.stays, 0) = 0 then 0 else round(c.lead_days / c.stays, 2) end as avg_lead_time_days,
       case when coalesce(c.stays, 0) = 0 then 0 else round(c.stay_nights / c.stays, 2) end as avg_length_of_stay,
       coalesce(r.reviews, 0) as reviews,
       case when coalesce(r.reviews, 0) = 0 then 0 else round(r.rating_sum::numeric / r.reviews, 2) end as avg_rating,
       coalesce(r.reviews_positive, 0) as reviews_positive, coalesce(r.reviews_neutral, 0) as reviews_neutral,
       coalesce(r.reviews_negative, 0) as reviews_negative
from cities c full join reviews r on r.city = c.city and r.month = c.month;
