package io.airstay.localstack;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.HdrHistogram.Histogram;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Open-model load for the benchmark: requests at a fixed arrival rate, whatever the server's speed
 * (wrk measures the closed-loop maximum), or all at once (a burst). Each request's latency runs from
 * the moment it was due, not from when it could be sent, so a stalled server shows in the
 * percentiles instead of slowing the load down (no coordinated omission).
 *
 * <pre>OpenLoad BASE_URL REQUESTS_FILE RATE_PER_S SECONDS [CONNECTIONS [WARMUP_SECONDS]]</pre>
 * REQUESTS_FILE has one request per line: a path (a GET with {@code Accept-Encoding: gzip}) or
 * {@code POST <path> [<bearer token>] <json body>}; they are sent in order, cycling. SECONDS 0 sends every line once,
 * all due at the same instant. Before recording, WARMUP_SECONDS (5) of unrecorded load warm the
 * generator's own JVM (GETs of /healthz before a burst, then one burst of them that opens every
 * connection). Prints one JSON line: achieved rate, status counts, errors, latency percentiles in ms,
 * and this process's CPU seconds while recording.
 */
public final class OpenLoad {

    private static final long TIMEOUT_MS = 30_000;

    private record Request(HttpMethod method, String path, String token, String body) {
        static Request parse(String line) {
            if (!line.startsWith("POST ")) {
                return new Request(HttpMethod.GET, line.trim(), null, null);
            }
            String[] parts = line.split(" ", 3);
            if (parts[2].startsWith("{")) {
                return new Request(HttpMethod.POST, parts[1], null, parts[2]);
            }
            String[] tokenAndBody = parts[2].split(" ", 2);
            return new Request(HttpMethod.POST, parts[1], tokenAndBody[0], tokenAndBody[1]);
        }
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        List<Request> requests = Files.readAllLines(Path.of(args[1])).stream().filter(line -> !line.isBlank())
                .map(Request::parse).toList();
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int connections = args.length > 4 ? Integer.parseInt(args[4]) : 64;
        int warmupSeconds = args.length > 5 ? Integer.parseInt(args[5]) : 5;

        // One event loop: the generator shares two cores with everything it measures.
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions().setDefaultHost(base.getHost()).setDefaultPort(base.getPort()).setKeepAlive(true)
                        .setTryUseCompression(false),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        OpenLoad load = new OpenLoad(vertx, client);

        boolean burst = seconds == 0;
        List<Request> warmup = burst ? List.of(new Request(HttpMethod.GET, "/healthz", null, null)) : requests;
        long warmupRequests = load.run(warmup, Math.max(rate, 200), warmupSeconds, 0, null);
        if (burst) {
            // Every connection opened before the recorded burst, as clients with keep-alive connections would come:
            // the burst then measures requests, not 500 TCP handshakes on the generator's one event loop.
            load.run(Collections.nCopies(connections, warmup.get(0)), 0, 0, 0, null);
        }
        long cpuBefore = processCpuNanos();
        long began = System.nanoTime();
        Result result = new Result();
        // The recorded requests follow those of the warm-up: a booking is not sent twice.
        load.run(requests, burst ? 0 : rate, seconds, burst ? 0 : warmupRequests, result);
        double elapsed = (System.nanoTime() - began) / 1e9;
        double cpu = (processCpuNanos() - cpuBefore) / 1e9;
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        Histogram latencies = result.latencies;
        String statuses = result.statuses.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
        System.out.println(String.format(Locale.ROOT,
                "{\"target_rps\":%d,\"requests\":%d,\"seconds\":%.3f,\"rps\":%.1f,\"statuses\":%s,\"errors\":%d,"
                        + "\"p50_ms\":%.2f,\"p90_ms\":%.2f,\"p95_ms\":%.2f,\"p99_ms\":%.2f,\"p999_ms\":%.2f,\"max_ms\":%.2f,"
                        + "\"load_generator_cpu_s\":%.2f}",
                rate, latencies.getTotalCount(), elapsed, latencies.getTotalCount() / elapsed, statuses, result.errors,
                ms(latencies, 50), ms(latencies, 90), ms(latencies, 95), ms(latencies, 99), ms(latencies, 99.9),
                latencies.getMaxValue() / 1e6, cpu));
    }

    private final Vertx vertx;
    private final HttpClient client;

    private OpenLoad(Vertx vertx, HttpClient client) {
        this.vertx = vertx;
        this.client = client;
    }

    /** Latencies and outcomes of one run; touched only on the event loop. */
    private static final class Result {
        final Histogram latencies = new Histogram(TimeUnit.SECONDS.toNanos(120), 3);
        final Map<String, Long> statuses = new TreeMap<>();
        long errors;
    }

    /**
     * Sends rate × seconds requests at the rate (rate 0: one per line, all due at once), from line {@code first} on,
     * waits for their answers and records them into {@code result} (when given). Returns how many it sent.
     */
    private long run(List<Request> requests, int rate, int seconds, long first, Result result) throws InterruptedException {
        long total = rate == 0 ? requests.size() : (long) rate * seconds;
        long intervalNanos = rate == 0 ? 0 : 1_000_000_000L / rate;
        CountDownLatch done = new CountDownLatch((int) total);
        long start = System.nanoTime() + 20_000_000L;
        long[] sent = { 0 };
        // A 1 ms timer sends every request whose due time has come.
        vertx.setPeriodic(1, timer -> {
            long now = System.nanoTime();
            while (sent[0] < total && start + sent[0] * intervalNanos <= now) {
                long due = start + sent[0] * intervalNanos;
                Request request = requests.get((int) ((first + sent[0]) % requests.size()));
                sent[0]++;
                send(request).onComplete(outcome -> {
                    if (result != null) {
                        result.latencies.recordValue(Math.max(System.nanoTime() - due, 0));
                        String status = outcome.succeeded() ? Integer.toString(outcome.result()) : "failed";
                        result.statuses.merge(status, 1L, Long::sum);
                        if (outcome.failed() || outcome.result() >= 500) {
                            result.errors++;
                        }
                    }
                    done.countDown();
                });
            }
            if (sent[0] >= total) {
                vertx.cancelTimer(timer);
            }
        });
        done.await(seconds + TIMEOUT_MS / 1000 + 30, TimeUnit.SECONDS);
        return total;
    }

    private Future<Integer> send(Request request) {
        RequestOptions options = new RequestOptions().setMethod(request.method()).setURI(request.path())
                .addHeader("Accept-Encoding", "gzip").setTimeout(TIMEOUT_MS);
        if (request.body() != null) {
            options.addHeader("Content-Type", "application/json");
        }
        if (request.token() != null) {
            options.addHeader("Authorization", "Bearer " + request.token());
        }
        return client.request(options).compose(sending -> (request.body() == null ? sending.send()
                : sending.send(Buffer.buffer(request.body()))).compose(response -> response.body().map(body -> response.statusCode())));
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
