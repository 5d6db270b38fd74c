package io.airstay.platform.health;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Redis and Kafka in the readiness details, never as "not ready": without Redis a replica reads from its database, and
 * without Kafka its changes wait in the outbox, so it can still serve and stays in its Service. They are probed in the
 * background every {@code airstay.health.probe-interval} (each probe gives up after {@link #PROBE_TIMEOUT}), and
 * readiness reports the last answers at once: the gateway's /readyz, which asks every service in turn, never waits
 * on a probe. The same answers are gauges, {@code airstay.dependency.up{dependency}}, for alerts.
 */
@Readiness
@ApplicationScoped
public class SharedInfrastructureCheck implements AsyncHealthCheck {

    static final Duration PROBE_TIMEOUT = Duration.ofMillis(800);
    static final String UP = "UP";
    static final String DEGRADED = "DEGRADED";

    private final ReactiveRedisDataSource redis;
    private final Map<String, Object> kafkaSettings;
    private final AtomicInteger redisUp = new AtomicInteger(1);
    private final AtomicInteger kafkaUp = new AtomicInteger(1);
    private Admin kafka;

    public SharedInfrastructureCheck(ReactiveRedisDataSource redis,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaDefaults, MeterRegistry registry) {
        this.redis = redis;
        // The service's shared kafka.* settings (servers, SASL) that an admin client understands.
        this.kafkaSettings = kafkaDefaults.entrySet().stream()
                .filter(setting -> AdminClientConfig.configNames().contains(setting.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Gauge.builder("airstay.dependency.up", redisUp, AtomicInteger::get).tag("dependency", "redis")
                .description("1 while the dependency answered the last readiness probe in time, 0 otherwise").register(registry);
        Gauge.builder("airstay.dependency.up", kafkaUp, AtomicInteger::get).tag("dependency", "kafka")
                .description("1 while the dependency answered the last readiness probe in time, 0 otherwise").register(registry);
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().item(HealthCheckResponse.named("shared infrastructure").up()
                .withData("redis", redisUp.get() == 1 ? UP : DEGRADED + ": no answer, reads come from the database")
                .withData("kafka", kafkaUp.get() == 1 ? UP : DEGRADED + ": no answer, events wait in the outbox")
                .build());
    }

    @Scheduled(every = "${airstay.health.probe-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> probe() {
        Uni<Boolean> redisAnswers = answersInTime(redis.execute("PING"));
        Uni<Boolean> kafkaAnswers = answersInTime(Uni.createFrom().completionStage(() -> kafka()
                .describeCluster(new DescribeClusterOptions().timeoutMs((int) PROBE_TIMEOUT.toMillis()))
                .nodes().toCompletionStage()));
        return Uni.combine().all().unis(redisAnswers, kafkaAnswers).asTuple().invoke(answers -> {
            redisUp.set(answers.getItem1() ? 1 : 0);
            kafkaUp.set(answers.getItem2() ? 1 : 0);
        }).replaceWithVoid();
    }

    @PreDestroy
    synchronized void close() {
        if (kafka != null) {
            kafka.close(Duration.ofSeconds(1));
        }
    }

    private static Uni<Boolean> answersInTime(Uni<?> call) {
        return call.map(answer -> true).ifNoItem().after(PROBE_TIMEOUT).fail().onFailure().recoverWithItem(false);
    }

    private synchronized Admin kafka() {
        if (kafka == null) {
            kafka = Admin.create(kafkaSettings);
        }
        return kafka;
    }
}
