package io.airstay.search.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.airstay.platform.security.Roles;
import io.airstay.platform.testing.RealServers;
import io.airstay.platform.testing.TestTokens;
import io.airstay.search.GoldFixture;
import io.airstay.search.GoldFixture.Reviews;
import io.airstay.search.GoldFixture.Stays;
import io.airstay.search.PropertyFixture;
import io.airstay.search.service.GoldRuns;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@RealServers
class StatsResourceTest {

    private static final Stays JANUARY = new Stays(31, 20, "2000.00", 4, 1, "10.00", "5.00");
    private static final Stays MARCH = new Stays(30, 10, "1500.00", 2, 0, "40.00", "5.00");

    @Inject
    EntityManager entityManager;
    @Inject
    GoldRuns runs;
    @Inject
    MeterRegistry registry;

    private GoldFixture gold;

    @BeforeEach
    void fixture() {
        gold = new GoldFixture(entityManager);
    }

    @Test
    void aListingsMonthsAreServedAsStoredZeroFilledWithTotalsFromSums() {
        UUID id = PropertyFixture.create(PropertyFixture.uniqueCity("Statsville"), Map.of());
        long run = gold.run(rows -> {
            rows.listingMonth(id, "Statsville", "2026-01", JANUARY);
            rows.listingMonth(id, "Statsville", "2026-03", MARCH);
        });
        runs.check();

        ValidatableResponse stats = PropertyFixture.asHost().get(listing(id, "2026-01", "2026-04")).then().statusCode(200)
                .body("property_id", equalTo(id.toString())).body("from", equalTo("2026-01")).body("to", equalTo("2026-04"))
                .body("run.run_id", equalTo((int) run)).body("months.month", equalTo(List.of("2026-01", "2026-02", "2026-03", "2026-04")))
                // as stored
                .body("months[0].stays.nights_booked", equalTo(20)).body("months[0].stays.occupancy_rate", equalTo(0.6452f))
                .body("months[0].stays.adr", equalTo(100.0f)).body("months[0].stays.revpar", equalTo(64.52f))
                .body("months[0].stays.cancellation_rate", equalTo(0.25f)).body("months[2].stays.revenue", equalTo(1500.0f))
                // zero-filled
                .body("months[1].stays.nights_available", equalTo(0)).body("months[1].stays.revenue", equalTo(0.0f))
                .body("months[3].stays.occupancy_rate", equalTo(0.0f));
        // Totals from the sums: 30 of 61 nights (not the mean of 0.6452 and 0.3333), 3500.00 over 30 and 61 nights,
        // 1 of 6 bookings canceled, lead time (4 x 10 + 2 x 40) / 6 days.
        stats.body("totals.nights_available", equalTo(61)).body("totals.nights_booked", equalTo(30))
                .body("totals.occupancy_rate", equalTo(0.4918f)).body("totals.revenue", equalTo(3500.0f))
                .body("totals.adr", equalTo(116.67f)).body("totals.revpar", equalTo(57.38f)).body("totals.bookings", equalTo(6))
                .body("totals.cancellations", equalTo(1)).body("totals.cancellation_rate", equalTo(0.1667f))
                .body("totals.avg_lead_time_days", equalTo(20.0f)).body("totals.avg_length_of_stay", equalTo(5.0f));
    }

    @Test
    void aListingWithoutDataAnswersZerosForTheLastTwelveFullMonths() {
        UUID id = PropertyFixture.create(PropertyFixture.uniqueCity("Quietville"), Map.of());
        YearMonth last = YearMonth.now(ZoneOffset.UTC).minusMonths(1);

        PropertyFixture.asHost().get("/api/v1/properties/" + id + "/stats").then().statusCode(200)
                .body("from", equalTo(last.minusMonths(11).toString())).body("to", equalTo(last.toString()))
                .body("months.size()", equalTo(12)).body("months[11].month", equalTo(last.toString()))
                .body("months.stays.nights_booked", everyItem(equalTo(0))).body("totals.revenue", equalTo(0.0f))
                .body("totals.occupancy_rate", equalTo(0.0f));
        PropertyFixture.asHost().get(listing(id, "2025-06", null)).then().statusCode(200)
                .body("to", equalTo(last.toString()));
    }

    @Test
    void aCitysMonthsAreFoundInAnyCaseWithReviewsAndTotals() {
        String city = PropertyFixture.uniqueCity("Marketown");
        long run = gold.run(rows -> {
            rows.cityMonth(city, "2025-11", 3, JANUARY, new Reviews(4, "4.50", 3, 1, 0));
            rows.cityMonth(city, "2025-12", 2, MARCH, new Reviews(1, "3.00", 0, 1, 0));
        });
        runs.check();

        given().get(market(city.toUpperCase(), "2025-10", "2025-12")).then().statusCode(200)
                .body("city", equalTo(city)).body("run.run_id", equalTo((int) run))
                .body("months.month", equalTo(List.of("2025-10", "2025-11", "2025-12")))
                .body("months[0].listings", equalTo(0)).body("months[0].reviews.reviews", equalTo(0))
                .body("months[1].listings", equalTo(3)).body("months[1].reviews.avg_rating", equalTo(4.5f))
                .body("months[2].stays.nights_booked", equalTo(10))
                .body("totals.stays.occupancy_rate", equalTo(0.4918f)).body("totals.stays.adr", equalTo(116.67f))
                // (4 x 4.50 + 1 x 3.00) / 5
                .body("totals.reviews.reviews", equalTo(5)).body("totals.reviews.avg_rating", equalTo(4.2f))
                .body("totals.reviews.reviews_positive", equalTo(3)).body("totals.reviews.reviews_neutral", equalTo(2));
    }

    @Test
    void aCitySpelledTwoWaysIsOneMarketWhoseMonthsAddUp() {
        String city = PropertyFixture.uniqueCity("Twospell");
        gold.run(rows -> {
            rows.cityMonth(city, "2025-11", 3, JANUARY, new Reviews(4, "4.50", 3, 1, 0));
            rows.cityMonth(city.toUpperCase(), "2025-11", 2, MARCH, new Reviews(1, "3.00", 0, 1, 0));
        });
        runs.check();

        given().get(market(city.toLowerCase(), "2025-11", "2025-11")).then().statusCode(200)
                .body("city", equalTo(city.toUpperCase())).body("months[0].listings", equalTo(5))
                .body("months[0].stays.nights_booked", equalTo(30)).body("months[0].stays.occupancy_rate", equalTo(0.4918f))
                .body("months[0].reviews.avg_rating", equalTo(4.2f)).body("totals.stays.revenue", equalTo(3500.0f));
    }

    @Test
    void aNewRunReplacesCachedStatisticsOnceSeen() {
        UUID id = PropertyFixture.create(PropertyFixture.uniqueCity("Rerunville"), Map.of());
        gold.run(rows -> rows.listingMonth(id, "Rerunville", "2026-01", JANUARY));
        runs.check();
        PropertyFixture.asHost().get(listing(id, "2026-01", "2026-01")).then().statusCode(200)
                .body("totals.nights_booked", equalTo(20));
        double hits = registry.counter("cache.gets", "cache", "stats", "result", "hit").count();
        PropertyFixture.asHost().get(listing(id, "2026-01", "2026-01")).then().statusCode(200)
                .body("totals.nights_booked", equalTo(20));
        assertEquals(hits + 1, registry.counter("cache.gets", "cache", "stats", "result", "hit").count());

        long next = gold.run(rows -> rows.listingMonth(id, "Rerunville", "2026-01", MARCH));
        runs.check();

        PropertyFixture.asHost().get(listing(id, "2026-01", "2026-01")).then().statusCode(200)
                .body("run.run_id", equalTo((int) next)).body("totals.nights_booked", equalTo(10))
                .body("months[0].stays.revenue", equalTo(1500.0f));
    }

    @Test
    void badMonthsAreA400NamingTheParameter() {
        UUID id = PropertyFixture.create(PropertyFixture.uniqueCity("Badmonth"), Map.of());
        badRequest(listing(id, "2026-13", "2026-12"), "from");
        badRequest(listing(id, "2026-01", "2026-1"), "to");
        badRequest(listing(id, "2026-05", "2026-04"), "from");
        badRequest(listing(id, "2024-01", "2026-01"), "to");
        badRequest(market("Anywhere", "January", null), "from");
        badRequest(market("Anywhere", "2024-01", "2026-01"), "to");
        badRequest("/api/v1/properties/not-a-uuid/stats", "property_id");
        PropertyFixture.asHost().get(listing(id, "2024-01", "2025-12")).then().statusCode(200).body("months.size()", equalTo(24));
    }

    @Test
    void unknownListingsAndCitiesAre404() {
        PropertyFixture.asHost().get("/api/v1/properties/" + UUID.randomUUID() + "/stats").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().get(market(PropertyFixture.uniqueCity("Nowhere"), null, null)).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void onlyTheListingsHostReadsItsStatistics() {
        UUID id = PropertyFixture.create(PropertyFixture.uniqueCity("Privateville"), Map.of());
        String path = "/api/v1/properties/" + id + "/stats";
        given().get(path).then().statusCode(401).contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", startsWith("Bearer"));
        given().header("Authorization", TestTokens.bearer(PropertyFixture.HOST, Roles.GUEST)).get(path).then().statusCode(403);
        given().header("Authorization", TestTokens.bearer(UUID.randomUUID(), Roles.HOST)).get(path).then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
        PropertyFixture.asHost().get(path).then().statusCode(200).body("property_id", equalTo(id.toString()));
    }

    private static void badRequest(String path, String field) {
        PropertyFixture.asHost().get(path).then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo(field));
    }

    private static String listing(UUID id, String from, String to) {
        return "/api/v1/properties/" + id + "/stats" + query(from, to);
    }

    private static String market(String city, String from, String to) {
        return "/api/v1/markets/" + city + "/stats" + query(from, to);
    }

    private static String query(String from, String to) {
        List<String> parameters = new ArrayList<>();
        if (from != null) {
            parameters.add("from=" + from);
        }
        if (to != null) {
            parameters.add("to=" + to);
        }
        return parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
    }
}
