-- A generated year for the analytics benchmark, the availability database's part: every night of the 365 from
-- :'first_day' for each of :listings listings, one in 15 blocked by its host. psql variables: listings, first_day.
insert into silver.availability_calendar (property_id, calendar_date, price, minimum_nights, blocked)
select md5('listing' || i)::uuid, night::date, 60 + i % 300, 1, (extract(doy from night)::int + i) % 15 = 0
from generate_series(1, :listings) as i,
     generate_series(:'first_day'::date, :'first_day'::date + 364, interval '1 day') as night;

analyze silver.availability_calendar;
