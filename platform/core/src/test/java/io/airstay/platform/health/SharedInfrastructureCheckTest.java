package io.airstay.platform.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.airstay.platform.testing.OperationsEndpoints;
import io.airstay.platform.testing.RealServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@RealServers
class SharedInfrastructureCheckTest {

    private static final String REDIS = "checks.find { it.name == 'shared infrastructure' }.data.redis";
    private static final String KAFKA = "checks.find { it.name == 'shared infrastructure' }.data.kafka";

    @Inject
    RedisDataSource redis;
    @Inject
    MeterRegistry registry;

    @Test
    void aRedisThatDoesNotAnswerLeavesTheServiceReadyAndIsReportedDegraded() {
        // The first probe may run before the service's Redis and Kafka connections are up.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> ready().body(REDIS, equalTo("UP")).body(KAFKA, equalTo("UP")));
        assertEquals(1.0, redisUp());

        redis.execute("CLIENT", "PAUSE", "5000", "ALL"); // Redis holds every command for 5 s
        try {
            // The next background probe (every 2 s) finds no answer in time.
            await().atMost(Duration.ofSeconds(4)).untilAsserted(() -> ready().body(REDIS, startsWith("DEGRADED")));
            ready().body(KAFKA, equalTo("UP"));
            assertEquals(0.0, redisUp());
        } finally {
            redis.execute("PING"); // returns once the pause is over
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> ready().body(REDIS, equalTo("UP")));
        assertEquals(1.0, redisUp());
    }

    private static ValidatableResponse ready() {
        return given().baseUri(OperationsEndpoints.managementUrl()).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private double redisUp() {
        return registry.get("airstay.dependency.up").tag("dependency", "redis").gauge().value();
    }
}
