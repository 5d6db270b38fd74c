package io.airstay.review.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.airstay.platform.testing.OperationsEndpoints;
import io.airstay.platform.testing.RealServers;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@RealServers
class OperationsEndpointsTest {

    @Test
    void readinessChecksDatabaseRedisAndKafka() {
        OperationsEndpoints.assertReadinessCoversDatabaseRedisAndKafka();
    }

    @Test
    void metricsExposeCachesOutboxAndHttpHistograms() {
        // The first Redis call of a fresh application may outlast the cache timeout and be served from the
        // database without counting a cache get; the next one counts.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().get("/api/v1/properties/" + UUID.randomUUID() + "/reviews/summary").then().statusCode(200);
            OperationsEndpoints.assertMetricsContain("airstay_outbox_backlog", "http_server_requests_seconds_bucket",
                    "cache_gets_total{cache=\"review-summary\"");
        });
    }

    @Test
    void openApiDescribesTheApi() {
        OperationsEndpoints.assertOpenApiDescribes("/api/v1/properties/{id}/reviews/summary");
    }
}
