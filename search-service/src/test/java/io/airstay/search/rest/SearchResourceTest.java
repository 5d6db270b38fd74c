package io.airstay.search.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.airstay.platform.pagination.Cursors;
import io.airstay.platform.testing.RealServers;
import io.airstay.search.PropertyFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@RealServers
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchResourceTest {

    private static final String SEARCH = "/api/v1/properties/search";
    /** 25 listings in one city, with varied guests, bedrooms, prices, types and positions. */
    private final String city = PropertyFixture.uniqueCity("Springfield");
    private final List<UUID> all = new ArrayList<>();
    private UUID farAway;

    /** Runs before the first test (not in @BeforeAll: the HTTP port of the test is known only then). */
    @BeforeEach
    void publishPropertiesOnce() {
        if (!all.isEmpty()) {
            return;
        }
        for (int i = 0; i < 25; i++) {
            all.add(PropertyFixture.create(city, Map.of(
                    "max_guests", 1 + i % 6,
                    "bedrooms", i % 4,
                    "base_price", 50 + (i * 17) % 400,
                    "property_type", i % 3 == 0 ? "house" : "apartment",
                    // spread ~0-2.4 km north of the centre, 100 m apart
                    "latitude", 40.0 + i * 0.0009,
                    "longitude", -75.0)));
        }
        farAway = PropertyFixture.create(city, Map.of("latitude", 41.0, "longitude", -75.0, "base_price", 75));
        all.add(farAway);
    }

    @Test
    void cityMatchesCaseInsensitively() {
        given().get(SEARCH + "?page_size=100&city=" + city.toUpperCase()).then().statusCode(200)
                .body("data.size()", equalTo(26))
                .body("data.city", everyItem(equalTo(city)));
    }

    @Test
    void resultsCarryEverySearchResultField() {
        JsonPath first = given().get(SEARCH + "?city=" + city + "&page_size=1").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> result = first.getMap("data[0]");
        assertTrue(result.keySet().containsAll(List.of("property_id", "listing_id", "title", "property_type", "city",
                "neighborhood", "bedrooms", "bathrooms", "max_guests", "base_price", "amenities_count", "rating",
                "review_count", "primary_image", "distance_km")), result.keySet().toString());
        assertEquals(3, result.get("amenities_count"));
        assertEquals("https://img.example/1.jpg", result.get("primary_image"));
        assertEquals(1, first.getInt("pagination.page"));
        assertEquals(1, first.getInt("pagination.page_size"));
        assertTrue(first.getBoolean("pagination.has_next"));
    }

    @Test
    void filtersNarrowTheResults() {
        given().get(SEARCH + "?page_size=100&city=" + city + "&num_guests=5").then().statusCode(200)
                .body("data.max_guests", everyItem(greaterThanOrEqualTo(5)))
                .body("data.size()", equalTo(8));
        given().get(SEARCH + "?page_size=100&city=" + city + "&min_bedrooms=3").then().statusCode(200)
                .body("data.bedrooms", everyItem(greaterThanOrEqualTo(3)))
                .body("data.size()", equalTo(6));
        given().get(SEARCH + "?page_size=100&city=" + city + "&min_price=100&max_price=250").then().statusCode(200)
                .body("data.base_price", everyItem(greaterThanOrEqualTo(100f)))
                .body("data.base_price", everyItem(lessThanOrEqualTo(250f)));
        given().get(SEARCH + "?page_size=100&city=" + city + "&property_type=house").then().statusCode(200)
                .body("data.property_type", everyItem(equalTo("house")))
                .body("data.size()", equalTo(9));
    }

    @Test
    void radiusSearchReturnsDistancesNearestFirst() {
        JsonPath page = given().get(SEARCH + "?page_size=100&city=" + city + "&latitude=40.0&longitude=-75.0&radius_km=1")
                .then().statusCode(200).extract().jsonPath();
        List<Float> distances = page.getList("data.distance_km", Float.class);
        assertEquals(10, distances.size(), "listings 0..9 lie within 1 km (0.1 km apart): " + distances);
        for (int i = 1; i < distances.size(); i++) {
            assertTrue(distances.get(i - 1) <= distances.get(i), "nearest first: " + distances);
        }
        assertTrue(distances.get(distances.size() - 1) <= 1.0f);
        assertTrue(!page.getList("data.property_id", String.class).contains(farAway.toString()));
        given().get(SEARCH + "?city=" + city).then().body("data.distance_km", everyItem(nullValue()));
    }

    @Test
    void sortsOrderTheResults() {
        List<Float> ascending = given().get(SEARCH + "?page_size=100&city=" + city + "&sort=price").then().statusCode(200)
                .extract().jsonPath().getList("data.base_price", Float.class);
        List<Float> sorted = new ArrayList<>(ascending);
        sorted.sort(null);
        assertEquals(sorted, ascending);
        List<Float> descending = given().get(SEARCH + "?page_size=100&city=" + city + "&sort=price_desc").then()
                .statusCode(200).extract().jsonPath().getList("data.base_price", Float.class);
        sorted.sort(Collections.reverseOrder());
        assertEquals(sorted, descending);
    }

    @Test
    void cursorPagesCoverEverythingOnceForEverySort() {
        for (String sort : List.of("rating", "price", "price_desc", "distance")) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                String url = SEARCH + "?page_size=7&city=" + city + "&sort=" + sort
                        + "&latitude=40.0&longitude=-75.0&radius_km=200" + (cursor == null ? "" : "&cursor=" + cursor);
                JsonPath page = given().get(url).then().statusCode(200).extract().jsonPath();
                seen.addAll(page.getList("data.property_id", String.class));
                cursor = page.getString("pagination.next_cursor");
                pages++;
            } while (cursor != null);
            assertEquals(4, pages, sort);
            assertEquals(26, seen.size(), sort + ": no gaps");
            assertEquals(26, new HashSet<>(seen).size(), sort + ": no duplicates");
            assertEquals(new HashSet<>(all.stream().map(UUID::toString).toList()), new HashSet<>(seen), sort);
        }
    }

    @Test
    void pageNumbersAreAcceptedForCompatibility() {
        List<String> byPages = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            byPages.addAll(given().get(SEARCH + "?city=" + city + "&sort=price&page_size=10&page=" + page).then()
                    .statusCode(200).body("pagination.page", equalTo(page)).extract().jsonPath()
                    .getList("data.property_id", String.class));
        }
        List<String> oneGo = given().get(SEARCH + "?city=" + city + "&sort=price&page_size=100").then().statusCode(200)
                .extract().jsonPath().getList("data.property_id", String.class);
        assertEquals(oneGo, byPages);
    }

    @Test
    void badParametersAre400sNamingTheParameter() {
        assertBadParameter("min_price=-5", "min_price");
        assertBadParameter("max_price=abc", "max_price");
        assertBadParameter("min_price=300&max_price=100", "max_price");
        assertBadParameter("radius_km=5", "radius_km");
        assertBadParameter("latitude=40.0", "longitude");
        assertBadParameter("latitude=95&longitude=0", "latitude");
        assertBadParameter("check_in=2031-05-10&check_out=2031-05-08", "check_out");
        assertBadParameter("check_in=2031-05-10", "check_out");
        assertBadParameter("check_in=10/05/2031&check_out=2031-05-12", "check_in");
        assertBadParameter("page_size=101", "page_size");
        assertBadParameter("page_size=0", "page_size");
        assertBadParameter("num_guests=two", "num_guests");
        assertBadParameter("cursor=%25%25not-a-cursor", "cursor");
        assertBadParameter("cursor=" + Cursors.encode("price", "10", "x"), "cursor");
        assertBadParameter("sort=cheapest", "sort");
        assertBadParameter("sort=distance", "sort");
        assertBadParameter("property_type=castle", "property_type");
        assertBadParameter("page=1000&page_size=100", "page");
    }

    @Test
    void cursorFromAnotherSortIsRejected() {
        String cursor = given().get(SEARCH + "?city=" + city + "&sort=price&page_size=5").then().statusCode(200)
                .body("pagination.next_cursor", notNullValue()).extract().path("pagination.next_cursor");
        given().get(SEARCH + "?city=" + city + "&sort=rating&cursor=" + cursor).then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        given().get(SEARCH + "?city=" + city + "&sort=price&cursor=" + cursor).then().statusCode(200)
                .body("data.size()", equalTo(20)).body("data.property_id", everyItem(notNullValue()));
    }

    @Test
    void unknownCityIsAnEmptyPage() {
        given().get(SEARCH + "?city=Atlantis").then().statusCode(200)
                .body("data", empty())
                .body("pagination.has_next", equalTo(false));
    }

    private static void assertBadParameter(String query, String field) {
        given().get(SEARCH + "?" + query).then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", containsInAnyOrder(field));
    }
}
