package io.airstay.search.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.airstay.contracts.RecordedEvents;
import io.airstay.contracts.booking.BookingTopic;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.testing.RealServers;
import io.airstay.search.EventFixture;
import io.airstay.search.PropertyFixture;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@RealServers
class BookingEventsConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventFixture events;

    @Test
    void confirmedBookingsCountAndCancellationsOfConfirmedOnesUncount() {
        UUID id = PropertyFixture.create(PropertyFixture.uniqueCity("Bookham"), Map.of());
        EventEnvelope confirmed = events.event(BookingTopic.CONFIRMED, id, Map.of("booking_id", UUID.randomUUID()));
        events.send(BookingTopic.NAME, confirmed);
        events.send(BookingTopic.NAME, confirmed);
        events.send(BookingTopic.NAME, events.event(BookingTopic.CONFIRMED, id, Map.of("booking_id", UUID.randomUUID())));
        events.send(BookingTopic.NAME, events.event(BookingTopic.REQUESTED, id, Map.of("booking_id", UUID.randomUUID())));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/properties/" + id).then().body("booking_count", equalTo(2)));

        events.send(BookingTopic.NAME, events.event(BookingTopic.CANCELED, id,
                Map.of("booking_id", UUID.randomUUID(), "previous_status", "PENDING")));
        events.send(BookingTopic.NAME, events.event(BookingTopic.CANCELED, id,
                Map.of("booking_id", UUID.randomUUID(), "previous_status", "CONFIRMED")));

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/properties/" + id).then().body("booking_count", equalTo(1)));
    }

    /** Contract: every booking-events type booking-service writes (recorded in the contracts module) is read. */
    @Test
    void recordedBookingEventsCountOnlyConfirmedBookings() {
        UUID id = PropertyFixture.create(PropertyFixture.uniqueCity("Recordham"), Map.of());
        for (String type : List.of(BookingTopic.REQUESTED, BookingTopic.CONFIRMED, BookingTopic.REJECTED, BookingTopic.COMPLETED)) {
            events.send(BookingTopic.NAME, RecordedEvents.envelope(type, id));
        }
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/properties/" + id).then().body("booking_count", equalTo(1)));

        events.send(BookingTopic.NAME, RecordedEvents.envelope(BookingTopic.CANCELED, id)); // of a confirmed booking
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/properties/" + id).then().body("booking_count", equalTo(0)));
    }

    /** An unknown event type is skipped and the next event still applies, whatever fields it gained. */
    @Test
    void unknownTypesAreSkippedAndAddedFieldsIgnored() {
        UUID id = PropertyFixture.create(PropertyFixture.uniqueCity("Laterham"), Map.of());
        events.send(BookingTopic.NAME, RecordedEvents.envelope(BookingTopic.CONFIRMED, id).put("event_type", "booking.rebooked"));
        events.send(BookingTopic.NAME, EventFixture.withFieldsAddedLater(RecordedEvents.envelope(BookingTopic.CONFIRMED, id)));

        // Same key, same partition: once the second event shows, the first was read and skipped.
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/properties/" + id).then().body("booking_count", equalTo(1)));
    }
}
