package io.airstay.search.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.airstay.platform.security.Roles;
import io.airstay.platform.testing.RealServers;
import io.airstay.platform.testing.TestTokens;
import io.airstay.search.PropertyFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Hosts publish and change only their own listings; reading stays anonymous. */
@QuarkusTest
@RealServers
class PropertyAccessTest {

    @Test
    void publishingNeedsAHostTokenAndTakesTheHostFromIt() {
        Map<String, Object> body = new HashMap<>(PropertyFixture.request("Tokenville", Map.of()));
        given().contentType(ContentType.JSON).body(body).post("/api/v1/properties").then().statusCode(401)
                .contentType(startsWith("application/problem+json")).header("WWW-Authenticate", startsWith("Bearer"));
        as(UUID.randomUUID(), Roles.GUEST).contentType(ContentType.JSON).body(body).post("/api/v1/properties").then()
                .statusCode(403).contentType(startsWith("application/problem+json"));

        UUID host = UUID.randomUUID();
        as(host, Roles.HOST).contentType(ContentType.JSON).body(body).post("/api/v1/properties").then().statusCode(403)
                .body("detail", containsString("host_id"));
        body.remove("host_id");
        String id = as(host, Roles.GUEST, Roles.HOST).contentType(ContentType.JSON).body(body).post("/api/v1/properties")
                .then().statusCode(201).body("host_id", equalTo(host.toString())).extract().path("property_id");
        given().get("/api/v1/properties/" + id).then().statusCode(200).body("host_id", equalTo(host.toString()));
    }

    @Test
    void onlyTheHostChangesOrDeactivatesAListing() {
        UUID id = PropertyFixture.create(PropertyFixture.uniqueCity("Ownership"), Map.of());
        UUID stranger = UUID.randomUUID();

        as(stranger, Roles.HOST).contentType(ContentType.JSON).body("{\"base_price\": 1}").patch("/api/v1/properties/" + id)
                .then().statusCode(403).contentType(startsWith("application/problem+json"));
        as(stranger, Roles.HOST).contentType(ContentType.JSON).body(PropertyFixture.request("Ownership", Map.of("host_id",
                stranger.toString()))).put("/api/v1/properties/" + id).then().statusCode(403);
        as(stranger, Roles.HOST).delete("/api/v1/properties/" + id).then().statusCode(403);
        given().delete("/api/v1/properties/" + id).then().statusCode(401);
        // The host cannot hand the listing to someone else either.
        PropertyFixture.asHost().contentType(ContentType.JSON).body("{\"host_id\": \"" + stranger + "\"}")
                .patch("/api/v1/properties/" + id).then().statusCode(403);

        given().get("/api/v1/properties/" + id).then().statusCode(200).body("base_price", equalTo(120.0f))
                .body("host_id", equalTo(PropertyFixture.HOST.toString()));
        PropertyFixture.asHost().delete("/api/v1/properties/" + id).then().statusCode(204);
    }

    private static RequestSpecification as(UUID user, String... roles) {
        return given().header("Authorization", TestTokens.bearer(user, roles));
    }
}
