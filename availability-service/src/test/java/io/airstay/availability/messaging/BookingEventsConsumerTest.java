package io.airstay.availability.messaging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.airstay.availability.AvailabilityFixture;
import io.airstay.contracts.RecordedEvents;
import io.airstay.contracts.availability.AvailabilityTopic;
import io.airstay.contracts.booking.BookingTopic;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.testing.RealServers;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Contract test: booking-events as booking-service writes them (the recorded events of the contract) hold
 * and release nights. Only the ids and dates are this test's own; every field is the recording's.
 */
@QuarkusTest
@RealServers
class BookingEventsConsumerTest {

    private static final LocalDate TODAY = LocalDate.now();

    @Inject
    AvailabilityFixture fixture;

    @Test
    void recordedRequestHoldsTheNightsAndRecordedCancellationReleasesThem() {
        UUID propertyId = fixture.property(new BigDecimal("80.00"), 1);
        UUID booking = UUID.randomUUID();
        LocalDate in = TODAY.plusDays(220);

        fixture.send(BookingTopic.NAME, propertyId, recorded(BookingTopic.REQUESTED, propertyId, booking, in));
        List<EventEnvelope> events = fixture.availabilityEvents(propertyId,
                read -> !AvailabilityFixture.outcomesFor(read, booking).isEmpty());
        assertEquals(AvailabilityTopic.HELD, AvailabilityFixture.outcomesFor(events, booking).get(0).eventType());
        assertEquals(List.of(false, false, false, true), available(propertyId, in));

        fixture.send(BookingTopic.NAME, propertyId, recorded(BookingTopic.CANCELED, propertyId, booking, in));
        fixture.availabilityEvents(propertyId, read -> released(read, booking));
        assertEquals(List.of(true, true, true, true), available(propertyId, in));
    }

    @Test
    void recordedRejectionReleasesWhatTheBookingHeld() {
        UUID propertyId = fixture.property(new BigDecimal("80.00"), 1);
        UUID booking = UUID.randomUUID();
        LocalDate in = TODAY.plusDays(230);
        fixture.bookingRequested(propertyId, booking, in, in.plusDays(3));
        fixture.availabilityEvents(propertyId, read -> !AvailabilityFixture.outcomesFor(read, booking).isEmpty());

        fixture.send(BookingTopic.NAME, propertyId, recorded(BookingTopic.REJECTED, propertyId, booking, in));
        fixture.availabilityEvents(propertyId, read -> released(read, booking));
        assertEquals(List.of(true, true, true, true), available(propertyId, in));
    }

    @Test
    void aHoldDecidedAfterTheBookingExpiredIsReleasedByTheExpiry() {
        // Availability was down past the booking's deadline: the request and its expiry wait on the partition, in order.
        UUID propertyId = fixture.property(new BigDecimal("80.00"), 1);
        UUID booking = UUID.randomUUID();
        LocalDate in = TODAY.plusDays(240);
        fixture.send(BookingTopic.NAME, propertyId, recorded(BookingTopic.REQUESTED, propertyId, booking, in));
        fixture.send(BookingTopic.NAME, propertyId, recorded(BookingTopic.EXPIRED, propertyId, booking, in));

        List<EventEnvelope> events = fixture.availabilityEvents(propertyId, read -> released(read, booking));
        assertEquals(AvailabilityTopic.HELD, AvailabilityFixture.outcomesFor(events, booking).get(0).eventType());
        assertEquals(List.of(true, true, true, true), available(propertyId, in));
    }

    @Test
    void fieldsAddedByANewerProducerAreIgnored() {
        UUID propertyId = fixture.property(new BigDecimal("80.00"), 1);
        UUID booking = UUID.randomUUID();
        ObjectNode requested = recorded(BookingTopic.REQUESTED, propertyId, booking, TODAY.plusDays(240));
        requested.put("trace_id", "added-later");
        RecordedEvents.payload(requested).put("loyalty_tier", "gold").putObject("payment").put("method", "card");
        fixture.send(BookingTopic.NAME, propertyId, requested);

        List<EventEnvelope> events = fixture.availabilityEvents(propertyId,
                read -> !AvailabilityFixture.outcomesFor(read, booking).isEmpty());
        assertEquals(AvailabilityTopic.HELD, AvailabilityFixture.outcomesFor(events, booking).get(0).eventType());
    }

    @Test
    void unknownEventTypesAreSkippedAndTheConsumerGoesOn() {
        UUID propertyId = fixture.property(new BigDecimal("80.00"), 1);
        LocalDate in = TODAY.plusDays(250);
        UUID skipped = UUID.randomUUID();
        ObjectNode unknown = recorded(BookingTopic.REQUESTED, propertyId, skipped, in);
        unknown.put("event_type", "booking.waitlisted");
        fixture.send(BookingTopic.NAME, propertyId, unknown);
        UUID next = UUID.randomUUID();
        fixture.send(BookingTopic.NAME, propertyId, recorded(BookingTopic.REQUESTED, propertyId, next, in));

        List<EventEnvelope> events = fixture.availabilityEvents(propertyId,
                read -> !AvailabilityFixture.outcomesFor(read, next).isEmpty());
        assertEquals(AvailabilityTopic.HELD, AvailabilityFixture.outcomesFor(events, next).get(0).eventType(),
                "the nights were still free: the unknown event held nothing");
        assertTrue(AvailabilityFixture.outcomesFor(events, skipped).isEmpty());
    }

    /** The recorded event of this type about the booking's three nights from {@code in}. */
    private static ObjectNode recorded(String type, UUID propertyId, UUID booking, LocalDate in) {
        ObjectNode envelope = RecordedEvents.envelope(type, propertyId);
        RecordedEvents.payload(envelope).put("booking_id", booking.toString()).put("check_in_date", in.toString())
                .put("check_out_date", in.plusDays(3).toString());
        return envelope;
    }

    private static boolean released(List<EventEnvelope> events, UUID booking) {
        return events.stream().anyMatch(e -> e.eventType().equals(AvailabilityTopic.RELEASED)
                && booking.toString().equals(e.payload().path("booking_id").asText()));
    }

    private static List<Boolean> available(UUID propertyId, LocalDate in) {
        return given().get("/api/v1/properties/" + propertyId + "/availability?start_date=" + in + "&end_date=" + in.plusDays(3))
                .then().statusCode(200).extract().jsonPath().getList("availability.available", Boolean.class);
    }
}
