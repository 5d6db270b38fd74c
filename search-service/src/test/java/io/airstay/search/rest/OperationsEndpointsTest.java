package io.airstay.search.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.airstay.platform.testing.OperationsEndpoints;
import io.airstay.platform.testing.RealServers;
import io.airstay.search.PropertyFixture;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@RealServers
class OperationsEndpointsTest {

    @Test
    void readinessChecksDatabaseRedisAndKafka() {
        OperationsEndpoints.assertReadinessCoversDatabaseRedisAndKafka();
    }

    @Test
    void metricsExposeCacheOutboxAndHttpHistograms() {
        given().get("/api/v1/properties/search?city=Metricsville").then().statusCode(200);
        OperationsEndpoints.assertMetricsContain("cache_gets_total", "airstay_outbox_backlog", "http_server_requests_seconds_bucket");
    }

    @Test
    void openApiDescribesTheApi() {
        OperationsEndpoints.assertOpenApiDescribes("/api/v1/properties/search");
    }

    @Test
    void jsonResponsesOverOneKilobyteAreGzipped() {
        PropertyFixture.create("Gzipton", Map.of());
        PropertyFixture.create("Gzipton", Map.of());
        PropertyFixture.create("Gzipton", Map.of());
        given().header("Accept-Encoding", "gzip").get("/api/v1/properties/search?city=Gzipton").then().statusCode(200)
                .header("Content-Encoding", equalTo("gzip"))
                .body("data.size()", equalTo(3));
        given().header("Accept-Encoding", "gzip").get("/api/v1/properties/search?city=Atlantis").then().statusCode(200)
                .header("Content-Encoding", not(equalTo("gzip")));
    }
}
