package io.airstay.search.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.airstay.platform.testing.KafkaTestResource;
import io.airstay.platform.testing.PostgresTestResource;
import io.airstay.platform.testing.RedisTestResource;
import io.airstay.search.Listings;
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
    void metricsExposeCacheOutboxAndHttpHistograms() {
        given().get("/api/v1/properties/search?city=Metricsville").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("cache_gets_total"))
                .body(containsString("airstay_outbox_backlog"))
                .body(containsString("http_server_requests_seconds_bucket"));
    }

    @Test
    void openApiDescribesTheApi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/v1/properties/search"));
    }

    @Test
    void jsonResponsesOverOneKilobyteAreGzipped() {
        Listings.create("Gzipton", Map.of());
        Listings.create("Gzipton", Map.of());
        Listings.create("Gzipton", Map.of());
        given().header("Accept-Encoding", "gzip").get("/api/v1/properties/search?city=Gzipton").then().statusCode(200)
                .header("Content-Encoding", equalTo("gzip"))
                .body("data.size()", equalTo(3));
        given().header("Accept-Encoding", "gzip").get("/api/v1/properties/search?city=Atlantis").then().statusCode(200)
                .header("Content-Encoding", not(equalTo("gzip")));
    }
}
