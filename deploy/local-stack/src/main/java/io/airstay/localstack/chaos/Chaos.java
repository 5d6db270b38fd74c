package io.airstay.localstack.chaos;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.airstay.localstack.chaos.Faults.Fault;
import io.airstay.platform.testing.TokenIssuer;

/**
 * {@code ./airstay chaos}: under a steady mix of reads and bookings through the gateway, injects one fault at a time
 * into the running local stack, and after each one checks the platform's promises ({@link Invariants}) until they
 * hold or the bound passes. Writes a report (markdown, one row per fault) into the output directory and exits 1 if a
 * promise was broken: a booking lost, an event applied twice, an invariant violated, a read that failed during a
 * Redis fault, or a service that stopped being ready during a Redis or Kafka fault.
 * <p>
 * Options: {@code --root DIR} (the repository, for ./airstay), {@code --local DIR} (the stack's data directory),
 * {@code --gateway URL}, {@code --booking URL} (booking-service directly, for the operator's import of past stays),
 * {@code --postgres HOST:PORT}, {@code --readiness URL,...} (the services' /q/health/ready), {@code --out DIR},
 * {@code --faults a,b,...} (default: all), {@code --reads N} and {@code --bookings N} per second (40, 5),
 * {@code --timeout SECONDS} (5: a client's patience for one answer), {@code --probe-timeout-ms N} (1000: a readiness
 * probe's),
 * {@code --kafka-down SECONDS} (20), {@code --redis-pause SECONDS} (10), {@code --bound SECONDS} (120: how long after a
 * fault the promises may take to hold again; a booking may stay pending for 60 s before it expires).
 */
public final class Chaos {

    private static final int LISTINGS = 20;
    /** Traffic runs at least this long before the reference phase, and until a window of it is answered in time. */
    private static final Duration WARM_UP = Duration.ofSeconds(15);
    private static final Duration WARM_UP_LIMIT = Duration.ofMinutes(3);
    private static final Duration WARM_WINDOW = Duration.ofSeconds(5);
    private static final Duration WARM_LATENCY = Duration.ofSeconds(1);
    /**
     * Traffic runs this long before a fault, so that it strikes a platform in its steady state: the gateway, for one,
     * readmits a replica that failed earlier only once a request to it has succeeded.
     */
    private static final Duration LEAD_IN = Duration.ofSeconds(5);
    /** Traffic goes on this long after a fault's process is back, so that errors after the restart are counted too. */
    private static final Duration AFTERMATH = Duration.ofSeconds(5);
    private static final Pattern ID = Pattern.compile("\"(?:property_id|booking_id)\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final TokenIssuer tokens;
    private final String gateway;
    private final String jdbc;
    private final Invariants invariants;
    private final Duration bound;

    private Chaos(Map<String, String> options) {
        this.options = options;
        this.tokens = TokenIssuer.inDirectory(Path.of(options.get("local")).resolve("jwt"));
        this.gateway = options.get("gateway");
        this.jdbc = "jdbc:postgresql://" + options.get("postgres") + "/";
        this.invariants = new Invariants(jdbc);
        this.bound = Duration.ofSeconds(Long.parseLong(options.getOrDefault("bound", "120")));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected an --option, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        System.exit(new Chaos(options).run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        Path local = Path.of(options.get("local"));
        Faults faults = new Faults(Path.of(options.get("root")), local, jdbc,
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("kafka-down", "20"))),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("redis-pause", "10"))));
        Map<String, Fault> known = faults.all();
        List<Fault> chosen = new ArrayList<>();
        for (String name : options.getOrDefault("faults", String.join(",", known.keySet())).split(",")) {
            Fault fault = known.get(name.trim());
            if (fault == null) {
                throw new IllegalArgumentException("unknown fault " + name + "; known: " + String.join(", ", known.keySet()));
            }
            chosen.add(fault);
        }

        String city = "Chaos " + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        List<UUID> listings = publishListings(city);
        List<Traffic.Stay> stays = importPastStays(listings);
        System.out.printf("chaos: %d listings in \"%s\", %d past stays to review; faults: %s%n", listings.size(), city,
                stays.size(), chosen.stream().map(Fault::name).toList());

        List<Report.Row> rows = new ArrayList<>();
        Duration timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout", "5")));
        Duration probeTimeout = Duration.ofMillis(Long.parseLong(options.getOrDefault("probe-timeout-ms", "1000")));
        try (Traffic traffic = new Traffic(gateway, tokens, city, listings, stays, timeout);
                ServiceProbes probes = new ServiceProbes(options.getOrDefault("readiness", ""), probeTimeout)) {
            traffic.start(Integer.parseInt(options.getOrDefault("reads", "40")),
                    Integer.parseInt(options.getOrDefault("bookings", "5")));
            warmUp(traffic);
            rows.add(phase(new Fault("none", "no fault: the reference", true, true, () -> Thread.sleep(10_000)), traffic,
                    probes, listings));
            for (Fault fault : chosen) {
                rows.add(phase(fault, traffic, probes, listings));
            }
        }
        Path out = Path.of(options.getOrDefault("out", local.resolve("chaos").toString()));
        Path report = new Report(rows).write(out, DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(LocalDateTime.now()));
        System.out.println(Files.readString(report));
        boolean kept = rows.stream().allMatch(Report.Row::promisesKept);
        System.out.println(kept ? "chaos: every promise kept" : "chaos: PROMISES BROKEN (see the table)");
        return kept;
    }

    /**
     * Runs traffic until the platform serves as one that has been running for a while: its code compiled and its
     * caches filled. A platform just started spends its first minute compiling, on two cores seconds per request:
     * the reference phase would measure that instead. Done when every exchange of the last few seconds was
     * answered, within a second; the traffic's first {@link #WARM_UP} at least, {@link #WARM_UP_LIMIT} at most.
     */
    private void warmUp(Traffic traffic) throws InterruptedException {
        long started = System.nanoTime();
        Thread.sleep(WARM_UP.toMillis());
        while (System.nanoTime() - started < WARM_UP_LIMIT.toNanos()) {
            long now = System.nanoTime();
            List<Traffic.Exchange> recent = traffic.exchanges(now - WARM_WINDOW.toNanos(), now);
            if (!recent.isEmpty() && recent.stream().noneMatch(exchange -> exchange.failed()
                    || exchange.endNanos() - exchange.startNanos() > WARM_LATENCY.toNanos())) {
                break;
            }
            Thread.sleep(1_000);
        }
        System.out.printf("chaos: warmed up in %.0f s%n", seconds(System.nanoTime() - started));
    }

    /**
     * Injects the fault under the running traffic. Once the fault is over (and {@link #AFTERMATH} later), new traffic
     * pauses, the requests under way finish, and the promises are checked until they hold or the bound passes: while
     * traffic runs, some bookings are always between two services.
     */
    private Report.Row phase(Fault fault, Traffic traffic, ServiceProbes probes, List<UUID> listings) throws Exception {
        System.out.printf("chaos: %-22s %s%n", fault.name(), fault.description());
        Map<URI, Long> duplicatesBefore = probes.duplicatesSkipped();
        traffic.resume();
        long start = System.nanoTime();
        probes.watch();
        Thread.sleep(LEAD_IN.toMillis());
        long injected = System.nanoTime();
        fault.injection().run();
        long recovered = System.nanoTime();
        Thread.sleep(AFTERMATH.toMillis());
        int readinessLost = probes.stop();
        traffic.pause();
        long paused = System.nanoTime();
        while (traffic.inFlight() > 0 && System.nanoTime() - paused < bound.toNanos()) {
            Thread.sleep(100);
        }
        Invariants.Result result;
        long settled;
        do {
            settled = System.nanoTime();
            result = invariants.check(listings, traffic.accepted().keySet());
            if (!result.clean()) {
                Thread.sleep(1_000);
            }
        } while (!result.clean() && System.nanoTime() - paused < bound.toNanos());
        long redelivered = ServiceProbes.increase(duplicatesBefore, probes.duplicatesSkipped());
        Report.Row row = new Report.Row(fault, traffic.exchanges(start, paused), injected, recovered, paused, settled,
                readinessLost, redelivered, result);
        System.out.printf("chaos: %-22s back after %.1f s; promises %s %.1f s after the traffic paused%s%n", fault.name(),
                seconds(recovered - injected), result.clean() ? "held" : "BROKEN", seconds(settled - paused),
                result.clean() ? "" : ": " + result.details());
        return row;
    }

    private List<UUID> publishListings(String city) throws Exception {
        List<UUID> listings = new ArrayList<>();
        for (int i = 0; i < LISTINGS; i++) {
            UUID host = UUID.randomUUID();
            String body = String.format(Locale.ROOT, """
                    {"property_type":"apartment","title":"Chaos flat %d","bedrooms":2,"bathrooms":1,"beds":2,
                     "max_guests":4,"base_price":%d.00,"cleaning_fee":20.00,"amenities":["WiFi"],"location_city":"%s",
                     "location_country":"US","latitude":40.0,"longitude":-74.0,"minimum_nights":1,"maximum_nights":30,
                     "instant_bookable":true}""", i, 80 + i, city);
            listings.add(UUID.fromString(id(post(gateway + "/api/v1/properties", body, bearer(host, "host")))));
        }
        // Bookings need the listing in booking-service and its calendar in availability-service: events bring both.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!(known("airstay_booking", "silver.listings", listings) && known("airstay_availability", "silver.listings", listings))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("booking-service and availability-service did not learn of the listings in 60 s");
            }
            Thread.sleep(200);
        }
        return listings;
    }

    /** Three completed stays a listing, one after the other, through booking-service's operator import. */
    private List<Traffic.Stay> importPastStays(List<UUID> listings) throws Exception {
        List<Traffic.Stay> stays = new ArrayList<>();
        String operator = bearer(UUID.randomUUID(), "operator");
        for (UUID listing : listings) {
            LocalDate out = LocalDate.now().minusDays(2);
            for (int s = 0; s < 3; s++) {
                UUID guest = UUID.randomUUID();
                LocalDate in = out.minusDays(2);
                String body = """
                        {"property_id":"%s","guest_id":"%s","check_in_date":"%s","check_out_date":"%s","num_guests":2}"""
                        .formatted(listing, guest, in, out);
                String booking = id(post(options.get("booking") + "/internal/v1/bookings/import", body, operator));
                stays.add(new Traffic.Stay(UUID.fromString(booking), listing, guest));
                out = in.minusDays(1);
            }
        }
        return stays;
    }

    private boolean known(String database, String table, List<UUID> ids) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbc + database, "airstay", "airstay");
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM " + table + " WHERE property_id = ANY (?)")) {
            count.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = count.executeQuery()) {
                return rs.next() && rs.getInt(1) == ids.size();
            }
        }
    }

    private String post(String url, String json, String authorization) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String id(String json) {
        Matcher id = ID.matcher(json);
        if (!id.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return id.group(1);
    }

    private String bearer(UUID user, String role) {
        return "Bearer " + tokens.token(user, List.of(role), Duration.ofHours(2));
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /**
     * The services' management endpoints: their consumers' skipped redeliveries, and their readiness, which it polls
     * every 0.5 s while a fault lasts and counts how often a service
     * would have left its Kubernetes Service: three failed probes in a row (the probe's failure threshold).
     */
    private static final class ServiceProbes implements AutoCloseable {

        private final List<URI> endpoints;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        private static final int FAILURE_THRESHOLD = 3;
        private final AtomicInteger notReady = new AtomicInteger();
        private final Duration probeTimeout;
        private volatile Thread poller;

        ServiceProbes(String urls, Duration probeTimeout) {
            this.probeTimeout = probeTimeout;
            this.endpoints = Arrays.stream(urls.split(",")).filter(url -> !url.isBlank()).map(URI::create).toList();
        }

        void watch() {
            notReady.set(0);
            Thread thread = new Thread(() -> {
                int[] failuresInARow = new int[endpoints.size()];
                while (!Thread.currentThread().isInterrupted()) {
                    for (int i = 0; i < endpoints.size(); i++) {
                        boolean ready;
                        try {
                            ready = http.send(HttpRequest.newBuilder(endpoints.get(i)).timeout(probeTimeout).build(),
                                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception noAnswer) {
                            ready = false;
                        }
                        failuresInARow[i] = ready ? 0 : failuresInARow[i] + 1;
                        if (failuresInARow[i] == FAILURE_THRESHOLD) {
                            notReady.incrementAndGet();
                        }
                    }
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "chaos-probes");
            thread.setDaemon(true);
            thread.start();
            poller = thread;
        }

        /**
         * Per service, the events its consumers received again and recognised as already applied
         * ({@code airstay_events_consumed_total{outcome="duplicate"}}); a service that does not answer is left out.
         */
        Map<URI, Long> duplicatesSkipped() {
            Map<URI, Long> counts = new HashMap<>();
            for (URI endpoint : endpoints) {
                URI metrics = endpoint.resolve("/q/metrics");
                try {
                    String text = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    counts.put(metrics, text.lines().filter(line -> line.startsWith("airstay_events_consumed_total{")
                            && line.contains("outcome=\"duplicate\"")).mapToLong(line -> (long) Double.parseDouble(
                                    line.substring(line.lastIndexOf(' ') + 1))).sum());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception noAnswer) {
                    // restarting: its count starts again from zero anyway
                }
            }
            return counts;
        }

        /** The growth of the counts; a count that went down belongs to a restarted service and counts from zero. */
        static long increase(Map<URI, Long> before, Map<URI, Long> after) {
            long total = 0;
            for (Map.Entry<URI, Long> count : after.entrySet()) {
                long earlier = before.getOrDefault(count.getKey(), 0L);
                total += count.getValue() >= earlier ? count.getValue() - earlier : count.getValue();
            }
            return total;
        }

        /** Stops watching; how many times a service was not ready for three probes in a row. */
        int stop() throws InterruptedException {
            Thread thread = poller;
            if (thread != null) {
                thread.interrupt();
                thread.join();
            }
            return notReady.get();
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
