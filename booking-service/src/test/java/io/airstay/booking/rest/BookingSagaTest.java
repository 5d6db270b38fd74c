package io.airstay.booking.rest;

import static io.airstay.booking.BookingFixture.asGuest;
import static io.airstay.booking.BookingFixture.asHost;
import static io.airstay.booking.BookingFixture.asOperator;
import static io.airstay.booking.BookingFixture.book;
import static io.airstay.booking.BookingFixture.request;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.airstay.booking.BookingFixture;
import io.airstay.booking.WithSagaStack;
import io.airstay.booking.service.SagaService;
import io.airstay.contracts.booking.BookingTopic;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithSagaStack
class BookingSagaTest {

    private static final LocalDate SOON = LocalDate.now().plusDays(30);

    @Inject
    BookingFixture fixture;
    @Inject
    SagaService saga;
    @Inject
    EntityManager entityManager;

    @Test
    void availableNightsAreConfirmedAndPricedFromTheHeldNights() {
        UUID propertyId = fixture.property();
        UUID guest = UUID.randomUUID();

        String location = book(request(propertyId, guest, SOON, SOON.plusDays(3))).then().statusCode(201)
                .body("booking_status", equalTo("CONFIRMED"))
                .body("nights", equalTo(3))
                .body("base_price", equalTo(300.00f))
                .body("cleaning_fee", equalTo(25.00f))
                .body("service_fee", equalTo(36.00f))
                .body("total_price", equalTo(361.00f))
                .extract().header("Location");

        asOperator().get(location).then().statusCode(200).body("booking_status", equalTo("CONFIRMED"))
                .body("guest_id", equalTo(guest.toString())).body("confirmed_at", notNullValue());
        List<Boolean> nights = given().get(fixture.availabilityUrl() + "/api/v1/properties/" + propertyId
                + "/availability?start_date=" + SOON + "&end_date=" + SOON.plusDays(3)).jsonPath()
                .getList("availability.available", Boolean.class);
        assertEquals(List.of(false, false, false, true), nights);
    }

    @Test
    void nightsClaimedByAnotherBookingAreA409AtOnceAndNothingIsStored() {
        UUID propertyId = fixture.property();
        book(request(propertyId, UUID.randomUUID(), SOON, SOON.plusDays(3))).then().statusCode(201);

        book(request(propertyId, UUID.randomUUID(), SOON.plusDays(2), SOON.plusDays(5))).then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("TAKEN"));

        assertEquals(1L, count("SELECT count(*) FROM silver.bookings WHERE property_id = ?1 AND booking_status = 'CONFIRMED'", propertyId));
        assertEquals(1L, count("SELECT count(*) FROM silver.bookings WHERE property_id = ?1", propertyId),
                "the refused request stored no booking and started no saga");
    }

    @Test
    void nightsOfARejectedRequestAreFreeForTheNextGuestAtOnce() {
        UUID propertyId = fixture.property();
        LocalDate in = SOON.plusDays(20);
        String blocked = "{\"start_date\": \"" + in + "\", \"end_date\": \"" + in + "\", \"available\": %s}";
        asHost().contentType(ContentType.JSON).body(blocked.formatted(false))
                .put(fixture.availabilityUrl() + "/api/v1/properties/" + propertyId + "/availability").then().statusCode(200);
        book(request(propertyId, UUID.randomUUID(), in, in.plusDays(2))).then().statusCode(409)
                .body("detail", containsString("BLOCKED"));

        asHost().contentType(ContentType.JSON).body(blocked.formatted(true))
                .put(fixture.availabilityUrl() + "/api/v1/properties/" + propertyId + "/availability").then().statusCode(200);
        // The rejected booking no longer claims its nights, in the database nor in this replica's memory of recent claims.
        book(request(propertyId, UUID.randomUUID(), in, in.plusDays(2))).then().statusCode(201);
    }

    @Test
    void cancellationReleasesTheNightsForTheNextGuest() {
        UUID propertyId = fixture.property();
        UUID guest = UUID.randomUUID();
        String id = book(request(propertyId, guest, SOON, SOON.plusDays(2))).then().statusCode(201)
                .extract().path("booking_id");

        asGuest(guest).contentType(ContentType.JSON).body(Map.of("reason", "plans changed"))
                .post("/api/v1/bookings/" + id + "/cancel").then().statusCode(200)
                .body("booking_status", equalTo("CANCELED"))
                .body("cancellation_reason", equalTo("plans changed"));
        asGuest(guest).post("/api/v1/bookings/" + id + "/cancel").then().statusCode(409);

        await().atMost(BookingFixture.WAIT).untilAsserted(() ->
                book(request(propertyId, UUID.randomUUID(), SOON, SOON.plusDays(2))).then().statusCode(201));
    }

    @Test
    void finishedStaysBecomeCompleted() {
        UUID propertyId = fixture.property();
        UUID id = UUID.randomUUID();
        UUID guest = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                INSERT INTO silver.bookings (booking_id, property_id, guest_id, check_in_date, check_out_date, num_guests,
                    base_price, cleaning_fee, service_fee, total_price, booking_status, confirmed_at)
                VALUES (?1, ?2, ?3, current_date - 5, current_date - 1, 2, 400, 25, 48, 473, 'CONFIRMED', now())""")
                .setParameter(1, id).setParameter(2, propertyId).setParameter(3, guest).executeUpdate());

        assertTrue(saga.completeFinishedStays(100) >= 1);

        asOperator().get("/api/v1/bookings/" + id).then().statusCode(200).body("booking_status", equalTo("COMPLETED"));
        assertEquals(1L, count("SELECT count(*) FROM silver.outbox_events WHERE event_type = '" + BookingTopic.COMPLETED + "' AND envelope LIKE ?1",
                "%" + id + "%"));
        asGuest(guest).post("/api/v1/bookings/" + id + "/cancel").then().statusCode(409);
    }

    @Test
    void theDatabaseRefusesOverlappingConfirmedStaysWhateverTheCode() {
        UUID propertyId = fixture.property();
        String insert = """
                INSERT INTO silver.bookings (booking_id, property_id, guest_id, check_in_date, check_out_date, num_guests,
                    booking_status) VALUES (?1, ?2, ?3, ?4, ?5, 2, 'CONFIRMED')""";
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(insert).setParameter(1, UUID.randomUUID())
                .setParameter(2, propertyId).setParameter(3, UUID.randomUUID()).setParameter(4, SOON)
                .setParameter(5, SOON.plusDays(3)).executeUpdate());

        RuntimeException refused = assertThrows(RuntimeException.class, () ->
                QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(insert)
                        .setParameter(1, UUID.randomUUID()).setParameter(2, propertyId).setParameter(3, UUID.randomUUID())
                        .setParameter(4, SOON.plusDays(2)).setParameter(5, SOON.plusDays(4)).executeUpdate()));
        assertTrue(stackMentions(refused, "bookings_no_overlapping_stays"), refused.toString());

        // Back to back is fine: check-out day is the next check-in day.
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(insert).setParameter(1, UUID.randomUUID())
                .setParameter(2, propertyId).setParameter(3, UUID.randomUUID()).setParameter(4, SOON.plusDays(3))
                .setParameter(5, SOON.plusDays(5)).executeUpdate());
    }

    @Test
    void operatorImportRecordsAPastStayAsCompletedAndKeepsTheInvariant() {
        UUID propertyId = fixture.property();
        Map<String, Object> stay = Map.of("property_id", propertyId, "guest_id", UUID.randomUUID(),
                "check_in_date", LocalDate.now().minusDays(8).toString(), "check_out_date", LocalDate.now().minusDays(5).toString(),
                "num_guests", 2);
        given().contentType(ContentType.JSON).body(stay).post("/internal/v1/bookings/import").then().statusCode(401);
        asGuest(UUID.randomUUID()).contentType(ContentType.JSON).body(stay).post("/internal/v1/bookings/import").then()
                .statusCode(403);
        // Authorization comes before the body is read: a stranger's malformed body is a 401, not a 400 naming fields.
        given().contentType(ContentType.JSON).body("{}").post("/internal/v1/bookings/import").then().statusCode(401)
                .contentType(startsWith("application/problem+json"));

        String id = asOperator().contentType(ContentType.JSON).body(stay)
                .post("/internal/v1/bookings/import").then().statusCode(201)
                .body("booking_status", equalTo("COMPLETED"))
                .body("total_price", equalTo(361.00f))
                .extract().path("booking_id");

        asOperator().contentType(ContentType.JSON).body(stay)
                .post("/internal/v1/bookings/import").then().statusCode(409);
        assertEquals(2L, count("SELECT count(*) FROM silver.outbox_events WHERE event_type IN ('" + BookingTopic.CONFIRMED
                + "', '" + BookingTopic.COMPLETED + "') AND envelope LIKE ?1", "%" + id + "%"));
        Map<String, Object> future = new HashMap<>(stay);
        future.put("check_out_date", LocalDate.now().plusDays(1).toString());
        asOperator().contentType(ContentType.JSON).body(future)
                .post("/internal/v1/bookings/import").then().statusCode(400).body("errors[0].field", equalTo("check_out_date"));
    }

    @Test
    void anImportedStayKeepsWhenItWasBookedWhichCannotFollowItsCheckIn() {
        UUID propertyId = fixture.property();
        LocalDate in = LocalDate.now().minusDays(30);
        Map<String, Object> stay = new HashMap<>(Map.of("property_id", propertyId, "guest_id", UUID.randomUUID(),
                "check_in_date", in.toString(), "check_out_date", in.plusDays(3).toString(), "num_guests", 2,
                "booked_at", in.atStartOfDay(ZoneOffset.UTC).plusSeconds(1).toInstant().toString()));
        asOperator().contentType(ContentType.JSON).body(stay)
                .post("/internal/v1/bookings/import").then().statusCode(400).body("errors[0].field", equalTo("booked_at"));
        assertEquals(0L, count("SELECT count(*) FROM silver.bookings WHERE property_id = ?1", propertyId));

        Instant bookedAt = in.minusDays(45).atTime(14, 30).toInstant(ZoneOffset.UTC);
        stay.put("booked_at", bookedAt.toString());
        String id = asOperator().contentType(ContentType.JSON).body(stay)
                .post("/internal/v1/bookings/import").then().statusCode(201)
                .body("created_at", equalTo(bookedAt.toString()))
                .extract().path("booking_id");
        asGuest((UUID) stay.get("guest_id")).get("/api/v1/bookings/" + id).then().statusCode(200)
                .body("created_at", equalTo(bookedAt.toString()));
    }

    private static boolean stackMentions(Throwable failure, String text) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains(text)) {
                return true;
            }
        }
        return false;
    }

    private long count(String sql, Object parameter) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(sql)
                .setParameter(1, parameter).getSingleResult()).longValue());
    }
}
