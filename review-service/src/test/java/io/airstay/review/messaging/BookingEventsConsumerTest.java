package io.airstay.review.messaging;

import static io.airstay.review.ReviewFixture.WAIT;
import static io.airstay.review.ReviewFixture.review;
import static io.airstay.review.ReviewFixture.submit;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.airstay.contracts.RecordedEvents;
import io.airstay.contracts.booking.BookingTopic;
import io.airstay.platform.testing.RealServers;
import io.airstay.review.ReviewFixture;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@RealServers
class BookingEventsConsumerTest {

    @Inject
    ReviewFixture fixture;

    /**
     * Contract: every booking-events type booking-service writes (recorded in the contracts module) is read,
     * and the stay it leaves decides whether its guest may review.
     */
    @Test
    void recordedBookingEventsKeepEachStaysStatus() {
        UUID property = UUID.randomUUID();
        UUID completed = UUID.randomUUID();
        UUID rejected = UUID.randomUUID();
        UUID canceled = UUID.randomUUID();
        UUID guest = UUID.randomUUID();
        sendRecorded(property, completed, guest, BookingTopic.REQUESTED, BookingTopic.CONFIRMED, BookingTopic.COMPLETED);
        sendRecorded(property, rejected, guest, BookingTopic.REQUESTED, BookingTopic.REJECTED);
        sendRecorded(property, canceled, guest, BookingTopic.REQUESTED, BookingTopic.CONFIRMED, BookingTopic.CANCELED);

        // Same key, same partition: the last stay's status shows once every earlier event was applied.
        await().atMost(WAIT).until(() -> "CANCELED".equals(fixture.status(canceled)));
        await().atMost(WAIT).until(() -> "COMPLETED".equals(fixture.status(completed)));
        await().atMost(WAIT).until(() -> "REJECTED".equals(fixture.status(rejected)));
        submit(property, review(completed, guest, 5, "Lovely")).then().statusCode(201);
        submit(property, review(canceled, guest, 5, "Lovely")).then().statusCode(409);
    }

    /** An unknown event type is skipped and the next event still applies, whatever fields it gained. */
    @Test
    void unknownTypesAreSkippedAndAddedFieldsIgnored() {
        UUID property = UUID.randomUUID();
        UUID unknownBooking = UUID.randomUUID();
        UUID booking = UUID.randomUUID();
        fixture.send(property, recorded(property, unknownBooking, UUID.randomUUID(), BookingTopic.COMPLETED)
                .put("event_type", "booking.rebooked").toString());
        ObjectNode confirmed = recorded(property, booking, UUID.randomUUID(), BookingTopic.CONFIRMED);
        confirmed.put("trace_id", "added in a later version");
        RecordedEvents.payload(confirmed).put("added_in_a_later_version", "ignored").putObject("new_object").put("nested", 1);
        fixture.send(property, confirmed.toString());

        // Same key, same partition: once the second event shows, the first was read and skipped.
        await().atMost(WAIT).until(() -> "CONFIRMED".equals(fixture.status(booking)));
        assertNull(fixture.status(unknownBooking));
    }

    private void sendRecorded(UUID property, UUID booking, UUID guest, String... types) {
        for (String type : List.of(types)) {
            fixture.send(property, recorded(property, booking, guest, type).toString());
        }
    }

    /** The recorded event of this type, about this property, booking and guest. */
    private static ObjectNode recorded(UUID property, UUID booking, UUID guest, String type) {
        ObjectNode envelope = RecordedEvents.envelope(type, property);
        RecordedEvents.payload(envelope).put("booking_id", booking.toString()).put("guest_id", guest.toString());
        return envelope;
    }
}
