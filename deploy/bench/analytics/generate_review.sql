-- A generated year for the analytics benchmark, the review database's part: a review two days after every third
-- completed stay of generate_booking.sql (same stays, same formulas). psql variables: listings, first_day.
insert into silver.reviews (review_id, property_id, booking_id, guest_id, rating, review_text, sentiment_score,
                            sentiment_label, created_at)
select md5('review' || i || '-' || k)::uuid, md5('listing' || i)::uuid, md5('booking' || i || '-' || k)::uuid,
       md5('guest' || (i * 46 + k) % 700000)::uuid, rating, 'Generated review',
       (rating - 3) / 2.0, case when rating >= 4 then 'positive' when rating = 3 then 'neutral' else 'negative' end,
       (check_in + 3 + (i + k) % 6)::timestamp at time zone 'UTC' + interval '18 hours'
from generate_series(1, :listings) as i, generate_series(0, 45) as k,
     lateral (select :'first_day'::date + k * 8 + i % 3 as check_in, 1 + (i * 3 + k * 5) % 5 as rating) as stay
where (i * k + k) % 10 > 1 and check_in < :'first_day'::date + 304 and (i + k) % 3 = 0;

analyze silver.reviews;
