package io.airstay.platform.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URL;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.airstay.platform.testing.BindAddress;
import io.airstay.platform.testing.Listeners;
import io.airstay.platform.testing.OperationsEndpoints;
import io.airstay.platform.testing.RealServers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The platform's configuration, shared by every service: health and metrics on the management interface, a port of
 * its own, and not on the API's port (in Kubernetes only Prometheus reaches the one and only the gateway the other);
 * OpenAPI on the API's port; both ports on 127.0.0.1 only (unless AIRSTAY_BIND_ADDRESS says otherwise).
 */
@QuarkusTest
@RealServers
class ManagementInterfaceTest {

    @TestHTTPResource("/")
    URL api;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void healthAndMetricsAreServedByTheManagementInterfaceOnly() {
        assertNotEquals(api.getPort(), management.getPort());
        assertEquals(management.getPort(), Integer.parseInt(OperationsEndpoints.managementUrl().replaceFirst(".*:", "")));
        given().baseUri(OperationsEndpoints.managementUrl()).get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"));
        given().baseUri(OperationsEndpoints.managementUrl()).get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_"));
        for (String path : new String[] {"/q/health", "/q/health/live", "/q/health/ready", "/q/health/started", "/q/metrics"}) {
            given().get(path).then().statusCode(404);
        }
    }

    @Test
    void openApiStaysOnTheApiPort() {
        given().get("/q/openapi?format=json").then().statusCode(200).body("openapi", containsString("3."));
        given().baseUri(OperationsEndpoints.managementUrl()).get("/q/openapi").then().statusCode(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"api", "management"})
    void bothPortsListenOnTheLoopbackAddressOnly(String which) {
        int port = (which.equals("api") ? api : management).getPort();
        assertEquals(Set.of(BindAddress.get() + ":" + port), Listeners.onPort(port));
    }
}
