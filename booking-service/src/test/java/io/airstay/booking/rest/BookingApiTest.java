package io.airstay.booking.rest;

import static io.airstay.booking.BookingFixture.asGuest;
import static io.airstay.booking.BookingFixture.book;
import static io.airstay.booking.BookingFixture.request;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.airstay.booking.BookingFixture;
import io.airstay.booking.WithSagaStack;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithSagaStack
class BookingApiTest {

    private static final LocalDate SOON = LocalDate.now().plusDays(20);

    @Inject
    BookingFixture fixture;
    @Inject
    EntityManager entityManager;

    @Test
    void retriedPostWithTheSameIdempotencyKeyReturnsTheOriginalBooking() throws Exception {
        UUID propertyId = fixture.property();
        UUID guest = UUID.randomUUID();
        Map<String, Object> body = request(propertyId, guest, SOON, SOON.plusDays(2));
        String key = "retry-" + UUID.randomUUID();

        String first = asGuest(guest).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/bookings").then().statusCode(201).extract().path("booking_id");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> retries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            retries.add(pool.submit(() -> asGuest(guest).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/bookings").then().statusCode(201).extract().<String>path("booking_id")));
        }
        for (Future<String> retry : retries) {
            assertEquals(first, retry.get());
        }
        pool.shutdown();
        assertEquals(1L, count("SELECT count(*) FROM silver.bookings WHERE property_id = ?1", propertyId));

        Map<String, Object> different = new HashMap<>(body);
        different.put("num_guests", 3);
        asGuest(guest).header("Idempotency-Key", key).contentType(ContentType.JSON).body(different).post("/api/v1/bookings")
                .then().statusCode(409).contentType(startsWith("application/problem+json"));
    }

    @Test
    void concurrentFirstAttemptsWithOneKeyCreateOneBooking() throws Exception {
        UUID propertyId = fixture.property();
        UUID guest = UUID.randomUUID();
        Map<String, Object> body = request(propertyId, guest, SOON.plusDays(5), SOON.plusDays(6));
        String key = "race-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            attempts.add(pool.submit(() -> asGuest(guest).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/bookings").then().extract().<String>path("booking_id")));
        }
        HashSet<String> ids = new HashSet<>();
        for (Future<String> attempt : attempts) {
            ids.add(attempt.get());
        }
        pool.shutdown();
        assertEquals(1, ids.size(), "every attempt names the same booking: " + ids);
        assertEquals(1L, count("SELECT count(*) FROM silver.bookings WHERE property_id = ?1", propertyId));
    }

    @Test
    void badRequestsAre400sNamingTheFieldAndWriteNothing() {
        UUID propertyId = fixture.property();
        UUID guest = UUID.randomUUID();
        rejected(request(UUID.randomUUID(), guest, SOON, SOON.plusDays(2)), "property_id");
        rejected(request(propertyId, guest, LocalDate.now().minusDays(1), SOON), "check_in_date");
        rejected(request(propertyId, guest, SOON, SOON), "check_out_date");
        rejected(request(propertyId, guest, SOON, SOON.plusDays(15)), "check_out_date");
        Map<String, Object> crowd = request(propertyId, guest, SOON, SOON.plusDays(2));
        crowd.put("num_guests", 5);
        rejected(crowd, "num_guests");
        Map<String, Object> none = request(propertyId, guest, SOON, SOON.plusDays(2));
        none.put("num_guests", 0);
        rejected(none, "num_guests");
        Map<String, Object> badDate = request(propertyId, guest, SOON, SOON.plusDays(2));
        badDate.put("check_in_date", "next friday");
        rejected(badDate, "check_in_date");
        Map<String, Object> beyondAnyCalendar = request(propertyId, guest, SOON, SOON.plusDays(2));
        beyondAnyCalendar.put("check_in_date", "+999999999-12-30");
        rejected(beyondAnyCalendar, "check_in_date");
        asGuest(guest).header("Idempotency-Key", "x".repeat(201)).contentType(ContentType.JSON)
                .body(request(propertyId, guest, SOON, SOON.plusDays(2))).post("/api/v1/bookings").then().statusCode(400)
                .body("errors[0].field", equalTo("Idempotency-Key"));
        asGuest(guest).contentType(ContentType.JSON).body("{\"property_id\": ").post("/api/v1/bookings").then().statusCode(400)
                .body("errors[0].field", equalTo("body"));

        assertEquals(0L, count("SELECT count(*) FROM silver.bookings WHERE guest_id = ?1", guest));
    }

    @Test
    void unknownBookingsAre404AndBadIdsAre400() {
        UUID guest = UUID.randomUUID();
        asGuest(guest).get("/api/v1/bookings/" + UUID.randomUUID()).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        asGuest(guest).post("/api/v1/bookings/" + UUID.randomUUID() + "/cancel").then().statusCode(404);
        asGuest(guest).get("/api/v1/bookings/nope").then().statusCode(400).body("errors[0].field", equalTo("booking_id"));
        asGuest(guest).get("/api/v1/bookings?status=lost").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        asGuest(guest).get("/api/v1/bookings?guest_id=" + guest + "&cursor=garbage!").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void theCancelBodyIsOptionalAndItsReasonChecked() {
        UUID propertyId = fixture.property();
        UUID guest = UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            LocalDate in = SOON.plusDays(60 + 2L * i);
            ids.add(book(request(propertyId, guest, in, in.plusDays(1))).then().statusCode(201)
                    .extract().path("booking_id"));
        }
        String cancel = "/api/v1/bookings/{id}/cancel";

        asGuest(guest).contentType(ContentType.JSON).body("\"plans changed\"").post(cancel, ids.get(0)).then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("body"));
        asGuest(guest).contentType(ContentType.JSON).body(Map.of("reason", "x".repeat(501))).post(cancel, ids.get(0)).then()
                .statusCode(400).body("errors[0].field", equalTo("reason"));
        asGuest(guest).contentType(ContentType.JSON).body("null").post(cancel, ids.get(0)).then().statusCode(200)
                .body("booking_status", equalTo("CANCELED")).body("cancellation_reason", equalTo("canceled by guest"));
        asGuest(guest).contentType(ContentType.TEXT).body("{\"reason\": \"  \"}").post(cancel, ids.get(1)).then().statusCode(200)
                .body("cancellation_reason", equalTo("canceled by guest"));
        asGuest(guest).contentType(ContentType.JSON).body("{\"reason\": \" plans changed \"}").post(cancel, ids.get(2)).then()
                .statusCode(200).body("cancellation_reason", equalTo("plans changed"));
    }

    @Test
    void guestsPageThroughTheirBookingsNewestFirst() {
        UUID propertyId = fixture.property();
        UUID guest = UUID.randomUUID();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            LocalDate in = SOON.plusDays(40 + 3L * i);
            created.add(0, book(request(propertyId, guest, in, in.plusDays(1))).then().statusCode(201).extract().path("booking_id"));
        }
        // Beyond the calendar's horizon: availability rejects it, and the booking is stored as REJECTED.
        LocalDate beyondHorizon = LocalDate.now().plusDays(400);
        book(request(propertyId, guest, beyondHorizon, beyondHorizon.plusDays(1))).then().statusCode(409)
                .body("detail", containsString("OUTSIDE_HORIZON"));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = asGuest(guest).get("/api/v1/bookings?status=confirmed&page_size=2"
                    + (cursor == null ? "" : "&cursor=" + cursor)).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("data.booking_id", String.class));
            cursor = page.getString("pagination.next_cursor");
        } while (cursor != null);

        assertEquals(created, seen, "newest first, each once, rejected one filtered out");
        asGuest(guest).get("/api/v1/bookings?guest_id=" + guest + "&status=rejected").then().statusCode(200)
                .body("data.size()", equalTo(1)).body("data.booking_status", hasItem("REJECTED"));
    }

    private static void rejected(Map<String, Object> body, String field) {
        book(body).then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem(field));
    }

    private long count(String sql, Object parameter) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(sql)
                .setParameter(1, parameter).getSingleResult()).longValue());
    }
}
