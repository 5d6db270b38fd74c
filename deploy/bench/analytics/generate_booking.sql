-- A generated year for the analytics benchmark, the booking database's part: for each of :listings listings, a stay
-- starting every 8 days from :'first_day' (k = 0 to 45), of 1 to 6 nights, booked 1 to 90 days ahead; one in ten
-- canceled, one in ten rejected, the others completed, or confirmed when they start in the year's last two months.
-- generate_review.sql reviews the same stays. psql variables: listings, first_day.
insert into silver.bookings (booking_id, property_id, guest_id, check_in_date, check_out_date, num_guests,
                             total_price, booking_status, created_at)
select md5('booking' || i || '-' || k)::uuid, md5('listing' || i)::uuid, md5('guest' || (i * 46 + k) % 700000)::uuid,
       check_in, check_in + 1 + (i + k) % 6, 1 + (i + k) % 4, 80.37 + (i * 7 + k * 13) % 900,
       case (i * k + k) % 10 when 0 then 'CANCELED' when 1 then 'REJECTED'
            else case when check_in < :'first_day'::date + 304 then 'COMPLETED' else 'CONFIRMED' end end,
       (check_in - 1 - (i + k) % 90)::timestamp at time zone 'UTC' + interval '10 hours'
from generate_series(1, :listings) as i, generate_series(0, 45) as k,
     lateral (select :'first_day'::date + k * 8 + i % 3 as check_in) as stay;

analyze silver.bookings;
