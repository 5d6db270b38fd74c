package io.airstay.availability.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;

import org.junit.jupiter.api.Test;

import io.airstay.platform.testing.KafkaTestResource;
import io.airstay.platform.testing.PostgresTestResource;
import io.airstay.platform.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(RedisTestResource.class)
class OperationsEndpointsTest {

    @Test
    void readinessChecksDatabaseRedisAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check",
                        "Redis connection health check", "Kafka connection health check"));
    }

    @Test
    void metricsExposeHoldLatencyAndOutcomes() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("airstay_availability_hold_duration_seconds_bucket"))
                .body(containsString("airstay_outbox_backlog"));
    }

    @Test
    void openApiDescribesTheApi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/v1/properties/{id}/availability"));
    }
}
