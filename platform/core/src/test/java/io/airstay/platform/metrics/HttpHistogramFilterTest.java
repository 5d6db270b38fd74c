package io.airstay.platform.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.airstay.platform.testing.OperationsEndpoints;
import io.airstay.platform.testing.RealServers;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@RealServers
class HttpHistogramFilterTest {

    @Test
    void httpServerRequestsExportsHistogramBuckets() {
        given().get("/test/conflict").then().statusCode(409);

        given().baseUri(OperationsEndpoints.managementUrl()).get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_bucket{"))
                .body(containsString("le=\"+Inf\""));
    }
}
