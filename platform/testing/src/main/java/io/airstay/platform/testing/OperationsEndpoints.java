package io.airstay.platform.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;

import io.restassured.response.ValidatableResponse;

/** Assertions on the operations endpoints every service serves (health, metrics, OpenAPI), for each service's tests. */
public final class OperationsEndpoints {

    private OperationsEndpoints() {
    }

    /** /q/health/ready is UP: its database answers, and Redis and Kafka are reported up in the details. */
    public static void assertReadinessCoversDatabaseRedisAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "shared infrastructure"))
                .body("checks.find { it.name == 'shared infrastructure' }.data.redis", equalTo("UP"))
                .body("checks.find { it.name == 'shared infrastructure' }.data.kafka", equalTo("UP"));
    }

    /** /q/metrics (Prometheus text) contains each of the given series or fragments. */
    public static void assertMetricsContain(String... fragments) {
        ValidatableResponse metrics = given().get("/q/metrics").then().statusCode(200);
        for (String fragment : fragments) {
            metrics.body(containsString(fragment));
        }
    }

    /** /q/openapi describes the given path. */
    public static void assertOpenApiDescribes(String path) {
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths", hasKey(path));
    }
}
