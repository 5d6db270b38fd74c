package io.airstay.availability.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.airstay.availability.AvailabilityFixture;
import io.airstay.contracts.property.PropertyTopic;
import io.airstay.platform.security.Roles;
import io.airstay.platform.testing.RealServers;
import io.airstay.platform.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
@RealServers
class AvailabilityResourceTest {

    private static final LocalDate TODAY = LocalDate.now();

    @Inject
    AvailabilityFixture fixture;
    @Inject
    MeterRegistry registry;

    @Test
    void propertyCreatedOnTheBrokerGivesA365NightCalendarAtTheBasePrice() {
        UUID id = fixture.property(new BigDecimal("140.00"), 2);

        JsonPath calendar = read(id, TODAY.plusDays(1), TODAY.plusDays(365));

        assertEquals(id.toString(), calendar.getString("property_id"));
        assertEquals(TODAY.plusDays(1).toString(), calendar.getString("start_date"));
        assertEquals(TODAY.plusDays(365).toString(), calendar.getString("end_date"));
        List<Map<String, Object>> nights = calendar.getList("availability");
        assertEquals(365, nights.size());
        assertEquals(List.of(true), read(id, TODAY, TODAY).getList("availability.available", Boolean.class), "tonight is bookable");
        for (Map<String, Object> night : nights.subList(0, 364)) {
            assertEquals(true, night.get("available"));
            assertEquals(140.0f, night.get("price"));
            assertEquals(2, night.get("minimum_nights"));
        }
        assertEquals(Map.of("date", TODAY.plusDays(365).toString(), "available", false), withoutNulls(nights.get(364)),
                "the night past the horizon is not in the calendar");
    }

    @Test
    void laterReadsOfAnyRangeAreCacheHitsAndAReadAfterAHoldShowsIt() {
        UUID id = fixture.property(new BigDecimal("90.00"), 1); // its read of the default range cached the calendar
        LocalDate in = TODAY.plusDays(10);
        double hits = count("hit");
        double misses = count("miss");
        read(id, in, in.plusDays(6));
        read(id, in, in.plusDays(6));
        JsonPath later = read(id, in.plusDays(100), in.plusDays(102));
        assertEquals(hits + 3, count("hit"), "one cached calendar answers every range");
        assertEquals(misses, count("miss"));
        assertEquals(List.of(true, true, true), later.getList("availability.available", Boolean.class));
        assertEquals(List.of(90.0f, 90.0f, 90.0f), later.getList("availability.price", Float.class));

        UUID booking = UUID.randomUUID();
        fixture.bookingRequested(id, booking, in.plusDays(2), in.plusDays(4));
        fixture.availabilityEvents(id, events -> !AvailabilityFixture.outcomesFor(events, booking).isEmpty());

        List<Boolean> available = read(id, in, in.plusDays(6)).getList("availability.available", Boolean.class);
        assertEquals(List.of(true, true, false, false, true, true, true), available);
    }

    @Test
    void hostBlocksUnblocksAndPricesNights() {
        UUID id = fixture.property(new BigDecimal("100.00"), 1);
        LocalDate from = TODAY.plusDays(20);

        change(id, Map.of("start_date", from.toString(), "end_date", from.plusDays(2).toString(), "available", false))
                .then().statusCode(200).body("availability.available", everyItem(equalTo(false)));
        change(id, Map.of("start_date", from.plusDays(1).toString(), "end_date", from.plusDays(1).toString(),
                "available", true, "price", 155.5)).then().statusCode(200);

        JsonPath calendar = read(id, from, from.plusDays(3));
        assertEquals(List.of(false, true, false, true), calendar.getList("availability.available", Boolean.class));
        assertEquals(List.of(100.0f, 155.5f, 100.0f, 100.0f), calendar.getList("availability.price", Float.class));

        // A later listing price change leaves the host's price alone.
        fixture.sendPropertyEvent(PropertyTopic.UPDATED, id, new BigDecimal("120.00"), 1, true);
        await().atMost(AvailabilityFixture.WAIT).untilAsserted(() -> assertEquals(List.of(120.0f, 155.5f, 120.0f, 120.0f),
                read(id, from, from.plusDays(3)).getList("availability.price", Float.class)));
    }

    @Test
    void heldNightsCannotBeUnblockedOrRepriced() {
        UUID id = fixture.property(new BigDecimal("100.00"), 1);
        LocalDate in = TODAY.plusDays(40);
        UUID booking = UUID.randomUUID();
        fixture.bookingRequested(id, booking, in, in.plusDays(2));
        fixture.availabilityEvents(id, events -> !AvailabilityFixture.outcomesFor(events, booking).isEmpty());

        Map<String, Object> reprice = Map.of("start_date", in.minusDays(1).toString(), "end_date", in.toString(), "price", 50);
        change(id, reprice).then().statusCode(409).contentType(startsWith("application/problem+json"));
        change(id, Map.of("start_date", in.toString(), "end_date", in.toString(), "available", true)).then().statusCode(409);

        JsonPath calendar = read(id, in.minusDays(1), in);
        assertEquals(List.of(100.0f, 100.0f), calendar.getList("availability.price", Float.class), "nothing written");

        // A listing price change reprices free nights only: the held night keeps the price it was booked at.
        fixture.sendPropertyEvent(PropertyTopic.UPDATED, id, new BigDecimal("130.00"), 1, true);
        await().atMost(AvailabilityFixture.WAIT).untilAsserted(() -> assertEquals(List.of(130.0f, 100.0f),
                read(id, in.minusDays(1), in).getList("availability.price", Float.class)));
    }

    @Test
    void badInputIsA4xxNamingTheField() {
        UUID id = fixture.property(new BigDecimal("100.00"), 1);
        String path = "/api/v1/properties/" + id + "/availability";
        badRead(path + "?start_date=2031-05-10&end_date=2031-05-01", "end_date");
        badRead(path + "?start_date=" + TODAY + "&end_date=" + TODAY.plusDays(365), "end_date");
        badRead(path + "?start_date=10/05/2031", "start_date");
        badRead(path + "?start_date=%2B999999999-12-31", "start_date");
        badRead(path + "?start_date=" + TODAY + "&end_date=-999999999-01-01", "end_date");
        badRead("/api/v1/properties/not-a-uuid/availability", "property_id");
        given().get("/api/v1/properties/" + UUID.randomUUID() + "/availability").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));

        badChange(id, Map.of("start_date", TODAY.plusDays(5).toString(), "end_date", TODAY.plusDays(3).toString(),
                "available", false), "end_date");
        badChange(id, Map.of("start_date", TODAY.minusDays(3).toString(), "end_date", TODAY.toString(), "available", false),
                "start_date");
        badChange(id, Map.of("start_date", TODAY.plusDays(5).toString(), "end_date", TODAY.plusDays(6).toString()),
                "available");
        badChange(id, Map.of("start_date", TODAY.plusDays(5).toString(), "end_date", TODAY.plusDays(6).toString(),
                "price", -4), "price");
        badChange(id, Map.of("start_date", "soon", "end_date", TODAY.plusDays(6).toString(), "available", false),
                "start_date");
        badChange(id, Map.of("start_date", TODAY.plusDays(5).toString(), "end_date", "+999999999-12-31", "available", false),
                "end_date");
        badChange(id, Map.of("start_date", TODAY.plusDays(300).toString(), "end_date", TODAY.plusDays(400).toString(),
                "available", false), "end_date");
        change(UUID.randomUUID(), Map.of("start_date", TODAY.plusDays(5).toString(), "end_date", TODAY.plusDays(6).toString(),
                "available", false)).then().statusCode(404);

        assertEquals(0, read(id, TODAY, TODAY.plusDays(364)).getList("availability.available", Boolean.class).stream()
                .filter(available -> !available).count(), "no rejected change wrote anything");
    }

    @Test
    void onlyTheListingsHostChangesItsCalendar() {
        UUID id = fixture.property(new BigDecimal("100.00"), 1);
        Map<String, Object> block = Map.of("start_date", TODAY.plusDays(50).toString(),
                "end_date", TODAY.plusDays(51).toString(), "available", false);
        given().contentType(ContentType.JSON).body(block).put("/api/v1/properties/" + id + "/availability").then()
                .statusCode(401).contentType(startsWith("application/problem+json"));
        given().header("Authorization", TestTokens.bearer(UUID.randomUUID(), Roles.HOST)).contentType(ContentType.JSON)
                .body(block).put("/api/v1/properties/" + id + "/availability").then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
        given().header("Authorization", TestTokens.bearer(AvailabilityFixture.HOST, Roles.GUEST)).contentType(ContentType.JSON)
                .body(block).put("/api/v1/properties/" + id + "/availability").then().statusCode(403);
        assertEquals(List.of(true, true), read(id, TODAY.plusDays(50), TODAY.plusDays(51))
                .getList("availability.available", Boolean.class));

        change(id, block).then().statusCode(200);
    }

    private JsonPath read(UUID id, LocalDate start, LocalDate end) {
        return given().get("/api/v1/properties/" + id + "/availability?start_date=" + start + "&end_date=" + end)
                .then().statusCode(200).extract().jsonPath();
    }

    private static Response change(UUID id, Map<String, Object> body) {
        return given().header("Authorization", TestTokens.bearer(AvailabilityFixture.HOST, Roles.HOST))
                .contentType(ContentType.JSON).body(body).put("/api/v1/properties/" + id + "/availability");
    }

    private static void badRead(String url, String field) {
        given().get(url).then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem(field));
    }

    private static void badChange(UUID id, Map<String, Object> body, String field) {
        change(id, body).then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem(field));
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> night) {
        return night.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private double count(String result) {
        return registry.counter("cache.gets", "cache", "availability", "result", result).count();
    }
}
