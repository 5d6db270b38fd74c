package io.airstay.localstack;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Open-model load: GETs at a fixed arrival rate, whatever the server's speed, for the benchmark's
 * latency-at-a-given-rate figures (wrk measures the closed-loop maximum). Each request's latency runs
 * from the moment it was due, not from when it was sent, so a stalled server shows in the
 * percentiles instead of slowing the load down (no coordinated omission).
 *
 * <pre>OpenLoad BASE_URL PATHS_FILE RATE_PER_S SECONDS [CONNECTIONS [WARMUP_SECONDS]]</pre>
 * Requests cycle through the paths of PATHS_FILE (one per line) with {@code Accept-Encoding: gzip}. The
 * first WARMUP_SECONDS (5) run at the same rate unrecorded: a cold generator JVM would measure itself.
 * Prints one JSON line: achieved rate, errors, latency percentiles in ms, and this process's CPU seconds
 * while recording.
 */
public final class OpenLoad {

    private static final long TIMEOUT_MS = 10_000;

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        List<String> paths = Files.readAllLines(Path.of(args[1])).stream().filter(line -> !line.isBlank()).toList();
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int connections = args.length > 4 ? Integer.parseInt(args[4]) : 64;
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 5;

        // One event loop: the generator shares two cores with everything it measures.
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions().setDefaultHost(base.getHost()).setDefaultPort(base.getPort()).setKeepAlive(true)
                        .setTryUseCompression(false),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));

        long unrecorded = (long) rate * warmup;
        long total = unrecorded + (long) rate * seconds;
        long intervalNanos = 1_000_000_000L / rate;
        Histogram latencies = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch((int) total);
        long[] cpuAtRecording = { 0 };
        long start = System.nanoTime() + 50_000_000L;
        long recordFrom = start + unrecorded * intervalNanos;

        // A 1 ms timer sends every request whose due time has come.
        long[] sent = { 0 };
        vertx.setPeriodic(1, timer -> {
            long now = System.nanoTime();
            while (sent[0] < total && start + sent[0] * intervalNanos <= now) {
                long due = start + sent[0] * intervalNanos;
                boolean recorded = sent[0] >= unrecorded;
                if (sent[0] == unrecorded) {
                    cpuAtRecording[0] = processCpuNanos();
                }
                String path = paths.get((int) (sent[0] % paths.size()));
                sent[0]++;
                client.request(new RequestOptions().setMethod(HttpMethod.GET).setURI(path)
                        .addHeader("Accept-Encoding", "gzip").setTimeout(TIMEOUT_MS))
                        .compose(request -> request.send().compose(response -> response.body().map(body -> response.statusCode())))
                        .onComplete(result -> {
                            if (recorded) {
                                latencies.recordValue(Math.max(System.nanoTime() - due, 0));
                                if (result.failed() || result.result() >= 400) {
                                    errors.incrementAndGet();
                                }
                            }
                            done.countDown();
                        });
            }
            if (sent[0] >= total) {
                vertx.cancelTimer(timer);
            }
        });
        done.await(warmup + seconds + TIMEOUT_MS / 1000 + 30, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - recordFrom) / 1e9;
        double cpu = (processCpuNanos() - cpuAtRecording[0]) / 1e9;
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        System.out.println(String.format(Locale.ROOT,
                "{\"target_rps\":%d,\"requests\":%d,\"completed\":%d,\"rps\":%.1f,\"errors\":%d,\"p50_ms\":%.2f,"
                        + "\"p90_ms\":%.2f,\"p95_ms\":%.2f,\"p99_ms\":%.2f,\"p999_ms\":%.2f,\"max_ms\":%.2f,"
                        + "\"load_generator_cpu_s\":%.2f}",
                rate, total - unrecorded, latencies.getTotalCount(), latencies.getTotalCount() / elapsed, errors.get(), ms(latencies, 50),
                ms(latencies, 90), ms(latencies, 95), ms(latencies, 99), ms(latencies, 99.9), latencies.getMaxValue() / 1e6,
                cpu));
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
