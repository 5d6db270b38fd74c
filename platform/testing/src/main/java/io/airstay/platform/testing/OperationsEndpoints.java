package io.airstay.platform.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.response.ValidatableResponse;

/**
 * Assertions on the operations endpoints every service serves, for each service's tests: health and metrics on the
 * management interface (its own port: {@code quarkus.management.enabled}, taken free in tests with
 * {@code quarkus.management.test-port=0}), OpenAPI on the API's port, which serves neither health nor metrics.
 */
public final class OperationsEndpoints {

    private OperationsEndpoints() {
    }

    /**
     * The management interface of the application under test, {@code http://<host>:<port>} (no path): the port
     * Quarkus took for {@code quarkus.management.test-port}, which its configuration reports once the server listens.
     */
    public static String managementUrl() {
        Config config = ConfigProvider.getConfig();
        String host = config.getOptionalValue("quarkus.management.host", String.class).orElse(BindAddress.LOOPBACK);
        int port = config.getValue("quarkus.management.test-port", Integer.class);
        assertNotEquals(0, port, "the management interface's actual port is not known");
        return "http://" + BindAddress.connect(host) + ":" + port;
    }

    /** /q/health/ready is UP: its database answers, Redis and Kafka are reported up in the details; the API's port does not serve it. */
    public static void assertReadinessCoversDatabaseRedisAndKafka() {
        given().baseUri(managementUrl()).get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "shared infrastructure"))
                .body("checks.find { it.name == 'shared infrastructure' }.data.redis", equalTo("UP"))
                .body("checks.find { it.name == 'shared infrastructure' }.data.kafka", equalTo("UP"));
        assertNotOnTheApiPort("/q/health/ready");
    }

    /**
     * /q/metrics (Prometheus text) contains each of the given series or fragments; the API's port does not serve it
     * (in Kubernetes, Prometheus may reach only the management port: k8s/README.md).
     */
    public static void assertMetricsContain(String... fragments) {
        ValidatableResponse metrics = given().baseUri(managementUrl()).get("/q/metrics").then().statusCode(200);
        for (String fragment : fragments) {
            metrics.body(containsString(fragment));
        }
        assertNotOnTheApiPort("/q/metrics");
    }

    /** /q/openapi, on the API's port (the gateway's /docs and deploy/openapi rely on it), describes the given path. */
    public static void assertOpenApiDescribes(String path) {
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths", hasKey(path));
    }

    private static void assertNotOnTheApiPort(String path) {
        assertEquals(404, given().get(path).statusCode(), path + " is served on the API's port");
    }
}
