package io.airstay.search;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.airstay.platform.security.Roles;
import io.airstay.platform.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Test fixture: valid property documents and a way to publish them through the API. */
public final class PropertyFixture {

    /** The host of every listing the fixture publishes. */
    public static final UUID HOST = UUID.randomUUID();

    private PropertyFixture() {
    }

    /** Requests as {@link #HOST}, who may change the fixture's listings. */
    public static RequestSpecification asHost() {
        return given().header("Authorization", TestTokens.bearer(HOST, Roles.HOST));
    }

    /** A valid property in {@code city}; {@code overrides} replace or add fields (snake_case names). */
    public static Map<String, Object> request(String city, Map<String, Object> overrides) {
        Map<String, Object> body = new HashMap<>();
        body.put("host_id", HOST.toString());
        body.put("property_type", "apartment");
        body.put("title", "Bright flat in " + city);
        body.put("description", "Two rooms, close to the park.");
        body.put("bedrooms", 2);
        body.put("bathrooms", 1.5);
        body.put("beds", 3);
        body.put("max_guests", 4);
        body.put("base_price", 120.00);
        body.put("cleaning_fee", 35.00);
        body.put("amenities", List.of("wifi", "kitchen", "washer"));
        body.put("location_address", "1 Main St");
        body.put("location_city", city);
        body.put("location_state", "NY");
        body.put("location_country", "US");
        body.put("location_zipcode", "10001");
        body.put("neighborhood", "Midtown");
        body.put("latitude", 40.7128);
        body.put("longitude", -74.0060);
        body.put("property_images", List.of("https://img.example/1.jpg", "https://img.example/2.jpg"));
        body.put("minimum_nights", 1);
        body.put("maximum_nights", 30);
        body.putAll(overrides);
        return body;
    }

    /** Publishes the property and returns its id. */
    public static UUID create(String city, Map<String, Object> overrides) {
        String id = asHost().contentType(ContentType.JSON).body(request(city, overrides))
                .post("/api/v1/properties").then().statusCode(201).extract().path("property_id");
        return UUID.fromString(id);
    }

    public static String uniqueCity(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }
}
