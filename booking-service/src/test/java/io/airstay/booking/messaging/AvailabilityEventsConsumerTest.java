package io.airstay.booking.messaging;

import static io.airstay.booking.BookingFixture.asOperator;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.airstay.booking.BookingFixture;
import io.airstay.booking.WithSagaStack;
import io.airstay.contracts.RecordedEvents;
import io.airstay.contracts.availability.AvailabilityTopic;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Contract test: availability-events as availability-service writes them (the recorded events of the
 * contract) settle pending bookings. Only the booking id is this test's own; every field is the recording's.
 */
@QuarkusTest
@WithSagaStack
class AvailabilityEventsConsumerTest {

    @Inject
    BookingFixture fixture;
    private int bookingsMade;

    @Test
    void recordedHeldConfirmsAtTheHeldPricesAndRecordedRejectedRejectsWithTheReason() {
        UUID propertyId = UUID.randomUUID();
        UUID held = pendingBooking(propertyId);
        UUID rejected = pendingBooking(propertyId);

        fixture.send(AvailabilityTopic.NAME, propertyId, recorded(AvailabilityTopic.HELD, propertyId, held));
        fixture.send(AvailabilityTopic.NAME, propertyId, recorded(AvailabilityTopic.REJECTED, propertyId, rejected));

        // The recorded hold: three nights for 380.00 in all; the booking's cleaning fee is 25.00.
        awaitStatus(held, "CONFIRMED");
        asOperator().get("/api/v1/bookings/" + held).then().body("base_price", equalTo(380.00f))
                .body("service_fee", equalTo(45.60f)).body("total_price", equalTo(450.60f));
        awaitStatus(rejected, "REJECTED");
        asOperator().get("/api/v1/bookings/" + rejected).then().body("rejection_reason", equalTo("TAKEN"));
    }

    @Test
    void fieldsAddedByANewerProducerAreIgnored() {
        UUID propertyId = UUID.randomUUID();
        UUID booking = pendingBooking(propertyId);
        ObjectNode held = recorded(AvailabilityTopic.HELD, propertyId, booking);
        held.put("trace_id", "added-later");
        RecordedEvents.payload(held).put("hold_expires_at", "2027-03-01T00:00:00Z").putObject("taxes").put("city", 4.5);
        fixture.send(AvailabilityTopic.NAME, propertyId, held);

        awaitStatus(booking, "CONFIRMED");
    }

    @Test
    void unknownEventTypesAreSkippedAndTheConsumerGoesOn() {
        UUID propertyId = UUID.randomUUID();
        UUID skipped = pendingBooking(propertyId);
        UUID next = pendingBooking(propertyId);
        ObjectNode unknown = recorded(AvailabilityTopic.HELD, propertyId, skipped);
        unknown.put("event_type", "availability.waitlisted");
        fixture.send(AvailabilityTopic.NAME, propertyId, unknown);
        fixture.send(AvailabilityTopic.NAME, propertyId, recorded(AvailabilityTopic.HELD, propertyId, next));

        awaitStatus(next, "CONFIRMED");
        asOperator().get("/api/v1/bookings/" + skipped).then().body("booking_status", equalTo("PENDING"));
    }

    /** A pending booking of its own nights (pending stays of one listing never overlap). */
    private UUID pendingBooking(UUID propertyId) {
        LocalDate checkIn = LocalDate.now().plusDays(60 + 5 * bookingsMade++);
        return fixture.pendingBooking(propertyId, checkIn, checkIn.plusDays(3));
    }

    private static ObjectNode recorded(String type, UUID propertyId, UUID booking) {
        ObjectNode envelope = RecordedEvents.envelope(type, propertyId);
        RecordedEvents.payload(envelope).put("booking_id", booking.toString());
        return envelope;
    }

    private static void awaitStatus(UUID booking, String status) {
        await().atMost(BookingFixture.WAIT).untilAsserted(() ->
                asOperator().get("/api/v1/bookings/" + booking).then().statusCode(200).body("booking_status", equalTo(status)));
    }
}
