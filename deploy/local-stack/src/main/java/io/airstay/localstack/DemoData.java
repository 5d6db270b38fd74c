package io.airstay.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.airstay.platform.testing.TokenIssuer;

/**
 * Demo data shaped like a marketplace (eight US cities, dearer ones among them, four reviews in five rated 4 or 5),
 * deterministic for a random seed, loaded along the real paths: listings, future bookings and reviews through the
 * gateway's public API (so events, calendars and projections follow), past completed stays through booking-service's
 * operator-only import.
 * <p>
 * {@code DemoData GATEWAY_URL BOOKING_URL OPERATOR_TOKEN [LISTINGS [SEED]]}
 */
public final class DemoData {

    private record City(String name, String state, double latitude, double longitude, boolean premium) {
    }

    private static final List<City> CITIES = List.of(
            new City("New York", "NY", 40.7128, -74.0060, true),
            new City("Los Angeles", "CA", 34.0522, -118.2437, true),
            new City("San Francisco", "CA", 37.7749, -122.4194, true),
            new City("Chicago", "IL", 41.8781, -87.6298, false),
            new City("Miami", "FL", 25.7617, -80.1918, false),
            new City("Seattle", "WA", 47.6062, -122.3321, false),
            new City("Austin", "TX", 30.2672, -97.7431, false),
            new City("Boston", "MA", 42.3601, -71.0589, false));
    /** The six kinds of place a host can list. */
    private static final List<String> TYPES = List.of("apartment", "house", "private_room", "villa", "condo", "shared_room");
    private static final List<String> AMENITIES = List.of("WiFi", "Kitchen", "Washer", "Dryer", "Air conditioning", "Heating",
            "TV", "Parking", "Pool", "Gym", "Hot tub", "Workspace", "Pets allowed", "Self check-in");
    private static final int[] MINIMUM_NIGHTS = { 1, 2, 3, 7 };
    private static final String[] GOOD = { "Lovely place, spotless and quiet. We would happily come back!",
            "Great location and a very helpful host.", "Clean, comfortable and exactly as described.",
            "Wonderful stay, the view was amazing." };
    private static final String[] MIXED = { "Nice flat but the street was noisy at night.",
            "The location was good, the wifi was slow." };
    private static final String[] BAD = { "The room was dirty and the host never answered.",
            "Not clean at all, and smaller than the photos suggest. Disappointing." };

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;
    private final String booking;
    private final TokenIssuer tokens;
    private final String operator;

    private DemoData(String gateway, String booking, TokenIssuer tokens) {
        this.gateway = gateway;
        this.booking = booking;
        this.tokens = tokens;
        this.operator = bearer(UUID.randomUUID(), "operator");
    }

    public static void main(String[] args) throws Exception {
        int listings = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 42;
        new DemoData(args[0], args[1], TokenIssuer.inDirectory(Path.of(args[2]))).load(listings, seed);
    }

    private void load(int count, long seed) throws Exception {
        long started = System.nanoTime();
        Random random = new Random(seed);
        List<String[]> listingBodies = new ArrayList<>(count); // body, and its host's Authorization
        int[] minimumNights = new int[count];
        for (int i = 0; i < count; i++) {
            minimumNights[i] = MINIMUM_NIGHTS[random.nextInt(MINIMUM_NIGHTS.length)];
            UUID host = new UUID(random.nextLong(), i);
            listingBodies.add(new String[] { listing(random, host, i, minimumNights[i]), bearer(host, "host") });
        }
        List<String> ids = inParallel("listings", listingBodies,
                body -> extractId(post(gateway + "/api/v1/properties", body[0], body[1]), "property_id"));

        List<String[]> bookings = new ArrayList<>();
        List<String[]> stays = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (random.nextDouble() < 0.3) {
                LocalDate in = LocalDate.now().plusDays(7 + random.nextInt(110));
                UUID guest = UUID.randomUUID();
                bookings.add(new String[] { bookingBody(id, guest, in, in.plusDays(minimumNights[i] + random.nextInt(4))),
                        bearer(guest, "guest") });
            }
            // Past stays, one after the other so they never overlap; each is then reviewed (most of the time).
            LocalDate end = LocalDate.now().minusDays(1 + random.nextInt(10));
            int pastStays = random.nextDouble() < 0.6 ? 1 + random.nextInt(3) : 0;
            for (int s = 0; s < pastStays; s++) {
                LocalDate out = end;
                LocalDate in = out.minusDays(2 + random.nextInt(6));
                Instant bookedAt = in.atStartOfDay(ZoneOffset.UTC).minusDays(1 + random.nextInt(60))
                        .plusMinutes(random.nextInt(24 * 60)).toInstant();
                stays.add(new String[] { id, UUID.randomUUID().toString(), in.toString(), out.toString(),
                        random.nextDouble() < 0.75 ? Integer.toString(rating(random)) : null, bookedAt.toString() });
                end = in.minusDays(random.nextInt(5));
            }
        }
        inParallel("future bookings", bookings, body -> post(gateway + "/api/v1/bookings", body[0], body[1]));
        List<String[]> imported = inParallel("past stays", stays, stay -> {
            String json = post(booking + "/internal/v1/bookings/import", """
                    {"property_id":"%s","guest_id":"%s","check_in_date":"%s","check_out_date":"%s","num_guests":2,\
                    "booked_at":"%s"}""".formatted(stay[0], stay[1], stay[2], stay[3], stay[5]), operator);
            return new String[] { stay[0], extractId(json, "booking_id"), stay[1], stay[4] };
        });
        List<String[]> reviewed = imported.stream().filter(stay -> stay[3] != null).toList();
        Random texts = new Random(seed + 1);
        List<String[]> reviews = new ArrayList<>();
        for (String[] stay : reviewed) {
            int rating = Integer.parseInt(stay[3]);
            String[] pool = rating >= 4 ? GOOD : rating == 3 ? MIXED : BAD;
            reviews.add(new String[] { stay[0], bearer(UUID.fromString(stay[2]), "guest"), """
                    {"booking_id":"%s","guest_id":"%s","rating":%d,"cleanliness_rating":%d,"review_text":"%s"}"""
                    .formatted(stay[1], stay[2], rating, Math.max(1, rating - texts.nextInt(2)), pool[texts.nextInt(pool.length)]) });
        }
        // Review-service learns of the stays from booking-events: a review is retried until its stay has arrived.
        inParallel("reviews", reviews,
                review -> post(gateway + "/api/v1/properties/" + review[0] + "/reviews", review[2], review[1]));
        System.out.printf("demo data loaded in %d s: %d listings, %d future bookings, %d past stays, %d reviews%n",
                Duration.ofNanos(System.nanoTime() - started).toSeconds(), ids.size(), bookings.size(), imported.size(),
                reviews.size());
    }

    private static String listing(Random random, UUID host, int index, int minimumNights) {
        City city = CITIES.get(random.nextInt(CITIES.size()));
        String type = TYPES.get(random.nextInt(TYPES.size()));
        int bedrooms = 1 + random.nextInt(5);
        double price = (50 + random.nextInt(451)) * (city.premium() ? 1.5 : 1.0);
        List<String> amenities = new ArrayList<>(AMENITIES);
        Collections.shuffle(amenities, random);
        List<String> chosen = amenities.subList(0, 5 + random.nextInt(8));
        return String.format(Locale.ROOT, """
                {"host_id":"%s","property_type":"%s","title":"%s %s #%d","bedrooms":%d,"bathrooms":%d,"beds":%d,
                 "max_guests":%d,"base_price":%.2f,"cleaning_fee":%.2f,"amenities":[%s],"location_city":"%s",
                 "location_state":"%s","location_country":"US","neighborhood":"Downtown","latitude":%.6f,"longitude":%.6f,
                 "property_images":["https://images.example/%d.jpg"],"minimum_nights":%d,"maximum_nights":30,
                 "instant_bookable":%b}""",
                host, type, pretty(type), city.name(), index, bedrooms, Math.max(1, bedrooms / 2),
                bedrooms, 2 * bedrooms, price, price * 0.15, String.join(",", chosen.stream().map(a -> "\"" + a + "\"").toList()),
                city.name(), city.state(), city.latitude() + (random.nextDouble() - 0.5) * 0.2,
                city.longitude() + (random.nextDouble() - 0.5) * 0.2, index, minimumNights, random.nextBoolean());
    }

    private static String pretty(String type) {
        return Character.toUpperCase(type.charAt(0)) + type.substring(1).replace('_', ' ');
    }

    private static int rating(Random random) {
        double r = random.nextDouble();
        return r < 0.45 ? 5 : r < 0.8 ? 4 : r < 0.9 ? 3 : r < 0.96 ? 2 : 1;
    }

    private static String bookingBody(String propertyId, UUID guest, LocalDate in, LocalDate out) {
        return """
                {"property_id":"%s","guest_id":"%s","check_in_date":"%s","check_out_date":"%s","num_guests":1}"""
                .formatted(propertyId, guest, in, out);
    }

    private interface Step<T, R> {
        R apply(T item) throws Exception;
    }

    /** Runs the step for every item on 8 threads, printing progress; results keep the items' order. */
    private <T, R> List<R> inParallel(String what, List<T> items, Step<T, R> step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger done = new AtomicInteger();
        int tenth = Math.max(1, items.size() / 10);
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> {
                    R result = step.apply(item);
                    int finished = done.incrementAndGet();
                    if (finished % tenth == 0 || finished == items.size()) {
                        System.out.printf("  %-16s %d/%d%n", what, finished, items.size());
                    }
                    return result;
                }));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** "Bearer ..." for a user with one role, valid for the hour a large load may take. */
    private String bearer(UUID user, String role) {
        return "Bearer " + tokens.token(user, List.of(role), Duration.ofHours(1));
    }

    /**
     * POSTs JSON, retrying what is worth retrying: 429 (the gateway's rate limit), 5xx, a booking of a listing
     * booking-service has not learnt of yet, and a review whose stay review-service has not learnt of yet.
     * Returns the body of a 2xx or 409 answer (a booking whose nights are taken is an answer too).
     */
    private String post(String url, String json, String authorization) throws Exception {
        for (int attempt = 1;; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status / 100 == 2 || status == 409) {
                return response.body();
            }
            boolean notYetKnown = status == 400 && (response.body().contains("\"field\":\"booking_id\"")
                    || response.body().contains("\"field\":\"property_id\""));
            boolean retry = status == 429 || status >= 500 || notYetKnown;
            if (!retry || attempt == 60) {
                throw new IllegalStateException("POST " + url + " answered " + status + ": " + response.body());
            }
            Thread.sleep(status == 429 ? 1_000 : 250);
        }
    }

    private static String extractId(String json, String field) {
        int at = json.indexOf("\"" + field + "\":\"");
        if (at < 0) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        int start = at + field.length() + 4;
        return json.substring(start, json.indexOf('"', start));
    }
}
