-- A generated year for the analytics benchmark, the search database's part: :listings listings in twenty cities,
-- detail views of every other listing and searches on each of the 28 days ending on :'as_of'. Listing i has the id
-- md5('listing' || i)::uuid in every database. psql variables: listings, as_of.
insert into silver.properties (property_id, host_id, property_type, title, bedrooms, bathrooms, beds, max_guests,
                               base_price, location_city, location_country, latitude, longitude)
select md5('listing' || i)::uuid, md5('host' || i % 5000)::uuid, 'apartment', 'Generated listing ' || i,
       1 + i % 4, 1, 1 + i % 4, 2 + i % 5, 60 + i % 300,
       (array['Lisbon', 'Porto', 'Faro', 'Madrid', 'Barcelona', 'Seville', 'Valencia', 'Paris', 'Nice', 'Lyon',
              'Rome', 'Milan', 'Naples', 'Florence', 'Berlin', 'Munich', 'Vienna', 'Prague', 'Athens', 'Dubrovnik'])
           [1 + i % 20],
       'Europe', 40, 5
from generate_series(1, :listings) as i;

insert into silver.listing_views_daily (property_id, day, views)
select md5('listing' || i)::uuid, day::date, 1 + (i * extract(doy from day)::int) % 20
from generate_series(2, :listings, 2) as i,
     generate_series(:'as_of'::date - 27, :'as_of'::date, interval '1 day') as day;

insert into silver.search_requests_daily (day, city, guests, bedrooms, price_band, requests)
select day::date, city, guests, bedrooms, band, 1 + (guests * 7 + bedrooms * 3 + length(city) + extract(doy from day)::int) % 40
from generate_series(:'as_of'::date - 27, :'as_of'::date, interval '1 day') as day,
     unnest(array['lisbon', 'porto', 'faro', 'madrid', 'barcelona', 'seville', 'valencia', 'paris', 'nice', 'lyon',
                  'rome', 'milan', 'naples', 'florence', 'berlin', 'munich', 'vienna', 'prague', 'athens',
                  'dubrovnik']) as city,
     generate_series(1, 4) as guests, generate_series(0, 3) as bedrooms,
     unnest(array['any', '0-100', '100-200', '300-500']) as band;

analyze silver.properties, silver.listing_views_daily, silver.search_requests_daily;
