package io.airstay.search.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.airstay.platform.testing.RealServers;
import io.airstay.search.PropertyFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@RealServers
class PropertyResourceTest {

    @Test
    void createdPropertyIsReadableWithProjectionsZeroed() {
        String city = PropertyFixture.uniqueCity("Boston");
        String location = PropertyFixture.asHost().contentType(ContentType.JSON).body(PropertyFixture.request(city, Map.of()))
                .post("/api/v1/properties").then().statusCode(201)
                .body("property_id", notNullValue())
                .body("listing_id", notNullValue())
                .body("is_active", equalTo(true))
                .extract().header("Location");

        given().get(location).then().statusCode(200)
                .body("location_city", equalTo(city))
                .body("base_price", equalTo(120.00f))
                .body("cleaning_fee", equalTo(35.00f))
                .body("amenities", hasItem("wifi"))
                .body("rating", nullValue())
                .body("review_count", equalTo(0))
                .body("booking_count", equalTo(0))
                .body("cancellation_policy", equalTo("moderate"));
    }

    @Test
    void updateIsVisibleOnTheNextRead() {
        UUID id = PropertyFixture.create(PropertyFixture.uniqueCity("Austin"), Map.of());
        given().get("/api/v1/properties/" + id).then().statusCode(200).body("title", startsWith("Bright flat"));

        PropertyFixture.asHost().contentType(ContentType.JSON).body(PropertyFixture.request("Austin", Map.of("title", "Renovated loft", "base_price", 99.5)))
                .put("/api/v1/properties/" + id).then().statusCode(200).body("title", equalTo("Renovated loft"));

        given().get("/api/v1/properties/" + id).then().statusCode(200)
                .body("title", equalTo("Renovated loft"))
                .body("base_price", equalTo(99.5f))
                .body("location_city", equalTo("Austin"));
    }

    @Test
    void patchChangesOnlyTheGivenFields() {
        UUID id = PropertyFixture.create(PropertyFixture.uniqueCity("Denver"), Map.of());
        PropertyFixture.asHost().contentType("application/merge-patch+json").body("{\"max_guests\": 6, \"house_rules\": \"No parties\"}")
                .patch("/api/v1/properties/" + id).then().statusCode(200).body("max_guests", equalTo(6));

        given().get("/api/v1/properties/" + id).then().statusCode(200)
                .body("max_guests", equalTo(6))
                .body("house_rules", equalTo("No parties"))
                .body("bedrooms", equalTo(2));
    }

    @Test
    void deactivatedPropertyIsGone() {
        UUID id = PropertyFixture.create(PropertyFixture.uniqueCity("Seattle"), Map.of());
        given().get("/api/v1/properties/" + id).then().statusCode(200);

        PropertyFixture.asHost().delete("/api/v1/properties/" + id).then().statusCode(204);

        given().get("/api/v1/properties/" + id).then().statusCode(404).contentType(startsWith("application/problem+json"));
        PropertyFixture.asHost().delete("/api/v1/properties/" + id).then().statusCode(404);
        PropertyFixture.asHost().contentType(ContentType.JSON).body(PropertyFixture.request("Seattle", Map.of()))
                .put("/api/v1/properties/" + id).then().statusCode(404);
    }

    @Test
    void unknownAndMalformedIds() {
        given().get("/api/v1/properties/" + UUID.randomUUID()).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().get("/api/v1/properties/not-a-uuid").then().statusCode(400)
                .body("errors[0].field", equalTo("property_id"));
    }

    @Test
    void badBodiesAre400sNamingTheFieldAndWriteNothing() {
        String city = PropertyFixture.uniqueCity("Nowhere");
        assertRejected(PropertyFixture.request(city, Map.of("base_price", -10)), "base_price");
        assertRejected(PropertyFixture.request(city, Map.of("max_guests", 0)), "max_guests");
        assertRejected(PropertyFixture.request(city, Map.of("property_type", "spaceship")), "property_type");
        assertRejected(PropertyFixture.request(city, Map.of("latitude", 123.0)), "latitude");
        assertRejected(PropertyFixture.request(city, Map.of("minimum_nights", 10, "maximum_nights", 5)), "minimum_nights");
        assertRejected(PropertyFixture.request(city, Map.of("bedrooms", "two")), "bedrooms");
        Map<String, Object> missingTitle = PropertyFixture.request(city, Map.of());
        missingTitle.remove("title");
        assertRejected(missingTitle, "title");

        PropertyFixture.asHost().contentType(ContentType.JSON).body("{\"title\": ").post("/api/v1/properties").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("body"));
        given().get("/api/v1/properties/search?city=" + city).then().statusCode(200).body("data.size()", equalTo(0));
    }

    @Test
    void badPatchesAre400s() {
        UUID id = PropertyFixture.create(PropertyFixture.uniqueCity("Portland"), Map.of());
        PropertyFixture.asHost().contentType(ContentType.JSON).body("{\"base_price\": -1}").patch("/api/v1/properties/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("base_price"));
        PropertyFixture.asHost().contentType(ContentType.JSON).body("{\"bedrooms\": \"many\"}").patch("/api/v1/properties/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("bedrooms"));
        PropertyFixture.asHost().contentType(ContentType.JSON).body("{\"colour\": \"red\"}").patch("/api/v1/properties/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("colour"));
        PropertyFixture.asHost().contentType(ContentType.JSON).body("{\"title\": null}").patch("/api/v1/properties/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("title"));
        given().get("/api/v1/properties/" + id).then().statusCode(200).body("base_price", equalTo(120.00f));
    }

    private static void assertRejected(Map<String, Object> body, String field) {
        PropertyFixture.asHost().contentType(ContentType.JSON).body(body).post("/api/v1/properties").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem(field));
    }
}
