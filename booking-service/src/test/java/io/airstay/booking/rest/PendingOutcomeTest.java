package io.airstay.booking.rest;

import static io.airstay.booking.BookingFixture.asOperator;
import static io.airstay.booking.BookingFixture.book;
import static io.airstay.booking.BookingFixture.request;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.airstay.booking.BookingFixture;
import io.airstay.booking.WithSagaStack;
import io.airstay.contracts.RecordedEvents;
import io.airstay.contracts.availability.AvailabilityTopic;
import io.airstay.contracts.booking.BookingTopic;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Bookings whose outcome takes time: when availability answers after the wait, the guest gets 202 and the booking
 * settles later; when nobody answers before the deadline, the booking expires and its nights are free again.
 */
@QuarkusTest
@WithSagaStack
@TestProfile(PendingOutcomeTest.ImpatientProfile.class)
class PendingOutcomeTest {

    public static class ImpatientProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("airstay.booking.saga-wait", "1ms", "airstay.booking.deadline", "8s",
                    "airstay.booking.expiry-every", "1s");
        }
    }

    @Inject
    BookingFixture fixture;
    @Inject
    EntityManager entityManager;

    @Test
    void slowAnswerGives202WithLocationAndTheBookingConfirmsLater() {
        UUID propertyId = fixture.property();
        LocalDate in = LocalDate.now().plusDays(12);

        String location = book(request(propertyId, UUID.randomUUID(), in, in.plusDays(2))).then().statusCode(202)
                .body("booking_status", equalTo("PENDING"))
                .extract().header("Location");

        await().atMost(BookingFixture.WAIT).untilAsserted(() ->
                asOperator().get(location).then().statusCode(200).body("booking_status", equalTo("CONFIRMED"))
                        .body("total_price", equalTo(249.00f)));
    }

    @Test
    void aStalledBookingExpiresAtItsDeadlineFreesItsNightsAndIgnoresALateHold() {
        UUID propertyId = fixture.property();
        LocalDate in = LocalDate.now().plusDays(20);
        // Availability never hears of this booking: its saga is stalled.
        UUID stalled = fixture.pendingBooking(propertyId, in, in.plusDays(3));

        book(request(propertyId, UUID.randomUUID(), in.plusDays(1), in.plusDays(2))).then().statusCode(409)
                .body("detail", containsString("TAKEN"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asOperator().get("/api/v1/bookings/" + stalled).then()
                .statusCode(200).body("booking_status", equalTo("EXPIRED")).body("expired_at", notNullValue()));
        assertEquals(1L, expiredEvents(stalled), "booking.expired is in the outbox, for availability to release the nights");

        // availability's hold, decided late: the booking stays EXPIRED (availability releases it on booking.expired).
        ObjectNode lateHold = RecordedEvents.envelope(AvailabilityTopic.HELD, propertyId);
        RecordedEvents.payload(lateHold).put("booking_id", stalled.toString());
        fixture.send(AvailabilityTopic.NAME, propertyId, lateHold);
        // The nights are free for the next guest; once that booking settles, the late hold has been consumed before it.
        String next = book(request(propertyId, UUID.randomUUID(), in.plusDays(1), in.plusDays(2))).then()
                .statusCode(anyOf(is(201), is(202))).extract().header("Location");
        await().atMost(BookingFixture.WAIT).untilAsserted(() ->
                asOperator().get(next).then().statusCode(200).body("booking_status", equalTo("CONFIRMED")));
        asOperator().get("/api/v1/bookings/" + stalled).then().body("booking_status", equalTo("EXPIRED"))
                .body("total_price", equalTo(null));
    }

    private long expiredEvents(UUID booking) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("""
                SELECT count(*) FROM silver.outbox_events WHERE event_type = ?1 AND envelope LIKE ?2""")
                .setParameter(1, BookingTopic.EXPIRED).setParameter(2, "%" + booking + "%")
                .getSingleResult()).longValue());
    }
}
