package io.airstay.localstack.chaos;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.airstay.platform.testing.TokenIssuer;

/**
 * A steady mix of traffic through the gateway, as guests make it: reads (search, listing detail, calendar), bookings
 * that a client retries with the same {@code Idempotency-Key} until it gets an answer, cancellations of some
 * confirmed bookings, and reviews of past stays. Every HTTP exchange is logged with its outcome, so that a fault's
 * errors and error window can be counted afterwards.
 */
final class Traffic implements AutoCloseable {

    enum Kind {
        READ, BOOKING, CANCEL, REVIEW
    }

    /** One HTTP exchange; status 0: no answer (refused, reset, timed out). */
    record Exchange(Kind kind, long startNanos, long endNanos, int status) {
        boolean failed() {
            return status == 0 || status >= 500;
        }
    }

    /** A booking the platform accepted (201 or 202): it must reach a terminal state. */
    record Accepted(UUID bookingId, UUID propertyId, UUID guest, long acceptedNanos) {
    }

    /** A completed stay to be reviewed by its guest. */
    record Stay(UUID bookingId, UUID propertyId, UUID guest) {
    }

    private static final Pattern BOOKING_ID = Pattern.compile("\"booking_id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern STATUS = Pattern.compile("\"booking_status\"\\s*:\\s*\"([A-Z]+)\"");
    /** How long a client keeps retrying one booking request that gets no answer. */
    private static final Duration CLIENT_PATIENCE = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newFixedThreadPool(8)).build();
    private final ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
    private final String gateway;
    /** How long a client waits for an answer before it counts the exchange as unanswered. */
    private final Duration timeout;
    private final TokenIssuer tokens;
    private final String city;
    private final List<UUID> listings;
    private final Queue<Stay> unreviewed;
    private final Queue<Exchange> exchanges = new ConcurrentLinkedQueue<>();
    private final Map<UUID, Accepted> accepted = new ConcurrentHashMap<>();
    private final Queue<Accepted> confirmed = new ConcurrentLinkedQueue<>();
    private final Map<UUID, String> guestTokens = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean paused;

    Traffic(String gateway, TokenIssuer tokens, String city, List<UUID> listings, List<Stay> stays, Duration timeout) {
        this.gateway = gateway;
        this.timeout = timeout;
        this.tokens = tokens;
        this.city = city;
        this.listings = List.copyOf(listings);
        this.unreviewed = new ConcurrentLinkedQueue<>(stays);
    }

    /** Starts the mix: reads and bookings per second; a cancellation and a review every few seconds. */
    void start(int readsPerSecond, int bookingsPerSecond) {
        every(1_000_000 / readsPerSecond, this::read);
        every(1_000_000 / bookingsPerSecond, this::book);
        every(2_000_000, this::cancel);
        every(1_000_000, this::review);
    }

    /** No new requests from now on; the ones under way (a booking's retries too) finish. */
    void pause() {
        paused = true;
    }

    void resume() {
        paused = false;
    }

    /** Requests sent and not yet answered, and bookings whose client is still retrying. */
    int inFlight() {
        return inFlight.get();
    }

    /** The exchanges that started in [from, to), in start order. */
    List<Exchange> exchanges(long from, long to) {
        return exchanges.stream().filter(exchange -> exchange.startNanos() >= from && exchange.startNanos() < to)
                .sorted(Comparator.comparingLong(Exchange::startNanos)).toList();
    }

    Map<UUID, Accepted> accepted() {
        return Map.copyOf(accepted);
    }

    int unreviewedStays() {
        return unreviewed.size();
    }

    @Override
    public void close() {
        clock.shutdownNow();
        try {
            clock.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void every(long micros, Runnable task) {
        clock.scheduleAtFixedRate(() -> {
            if (paused) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                System.err.println("chaos traffic: " + e);
            }
        }, ThreadLocalRandom.current().nextLong(micros), micros, TimeUnit.MICROSECONDS);
    }

    private void read() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        UUID listing = listings.get(random.nextInt(listings.size()));
        String path = switch (random.nextInt(3)) {
            case 0 -> "/api/v1/properties/search?city=" + city.replace(" ", "%20") + "&num_guests=2";
            case 1 -> "/api/v1/properties/" + listing;
            default -> {
                LocalDate from = LocalDate.now().plusDays(7 + random.nextInt(200));
                yield "/api/v1/properties/" + listing + "/availability?start_date=" + from + "&end_date=" + from.plusDays(14);
            }
        };
        send(Kind.READ, HttpRequest.newBuilder(URI.create(gateway + path)).GET());
    }

    /**
     * A guest books; without an answer (or with a 5xx or 429) the client tries again with the same key, as the API
     * asks clients to, backing off from 0.5 s to 4 s between tries, for up to {@link #CLIENT_PATIENCE}.
     */
    private void book() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        UUID listing = listings.get(random.nextInt(listings.size()));
        UUID guest = UUID.randomUUID();
        LocalDate in = LocalDate.now().plusDays(14 + random.nextInt(330));
        String body = """
                {"property_id":"%s","check_in_date":"%s","check_out_date":"%s","num_guests":2}"""
                .formatted(listing, in, in.plusDays(1 + random.nextInt(3)));
        String key = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + CLIENT_PATIENCE.toNanos();
        inFlight.incrementAndGet();
        attemptBooking(listing, guest, body, key, deadline, 500);
    }

    private void attemptBooking(UUID listing, UUID guest, String body, String key, long deadline, long backoffMillis) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + "/api/v1/bookings"))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .header("Authorization", bearer(guest)).POST(HttpRequest.BodyPublishers.ofString(body));
        send(Kind.BOOKING, request).thenAccept(answer -> {
            int status = answer.map(HttpResponse::statusCode).orElse(0);
            if (status == 201 || status == 202) {
                Matcher id = BOOKING_ID.matcher(answer.get().body());
                if (id.find()) {
                    Accepted booking = new Accepted(UUID.fromString(id.group(1)), listing, guest, System.nanoTime());
                    accepted.put(booking.bookingId(), booking);
                    Matcher state = STATUS.matcher(answer.get().body());
                    if (state.find() && state.group(1).equals("CONFIRMED")) {
                        confirmed.add(booking);
                    }
                }
            } else if ((status == 0 || status >= 500 || status == 429) && System.nanoTime() < deadline) {
                clock.schedule(() -> attemptBooking(listing, guest, body, key, deadline, Math.min(backoffMillis * 2, 4_000)),
                        backoffMillis, TimeUnit.MILLISECONDS);
                return;
            }
            inFlight.decrementAndGet();
        });
    }

    private void cancel() {
        Accepted booking = confirmed.poll();
        if (booking != null) {
            send(Kind.CANCEL, HttpRequest.newBuilder(URI.create(gateway + "/api/v1/bookings/" + booking.bookingId() + "/cancel"))
                    .header("Content-Type", "application/json").header("Authorization", bearer(booking.guest()))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"plans changed\"}")));
        }
    }

    /** Reviews a past stay; one review-service does not know yet (its event is on the way) is tried again later. */
    private void review() {
        Stay stay = unreviewed.poll();
        if (stay == null) {
            return;
        }
        int rating = 1 + ThreadLocalRandom.current().nextInt(5);
        String body = """
                {"booking_id":"%s","rating":%d,"review_text":"Stayed there during the chaos run."}"""
                .formatted(stay.bookingId(), rating);
        send(Kind.REVIEW, HttpRequest.newBuilder(URI.create(gateway + "/api/v1/properties/" + stay.propertyId() + "/reviews"))
                .header("Content-Type", "application/json").header("Authorization", bearer(stay.guest()))
                .POST(HttpRequest.BodyPublishers.ofString(body))).thenAccept(answer -> {
                    int status = answer.map(HttpResponse::statusCode).orElse(0);
                    if (status != 201 && status != 409) {
                        unreviewed.add(stay);
                    }
                });
    }

    private CompletableFuture<Optional<HttpResponse<String>>> send(Kind kind, HttpRequest.Builder request) {
        long start = System.nanoTime();
        inFlight.incrementAndGet();
        return http.sendAsync(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    exchanges.add(new Exchange(kind, start, System.nanoTime(), response == null ? 0 : response.statusCode()));
                    inFlight.decrementAndGet();
                    return Optional.ofNullable(response);
                });
    }

    private String bearer(UUID guest) {
        return guestTokens.computeIfAbsent(guest,
                user -> "Bearer " + tokens.token(user, List.of("guest"), Duration.ofHours(2)));
    }
}
