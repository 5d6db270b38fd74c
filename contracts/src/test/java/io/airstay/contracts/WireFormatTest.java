package io.airstay.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.airstay.contracts.availability.AvailabilityTopic;
import io.airstay.contracts.availability.HoldRejected;
import io.airstay.contracts.booking.BookingFacts;
import io.airstay.contracts.property.PropertyFacts;
import io.airstay.contracts.property.PropertyTopic;

class WireFormatTest {

    private static final ObjectMapper MAPPER = WireFormat.newMapper();

    @Test
    void aRejectionReasonAddedLaterReadsAsOther() throws Exception {
        ObjectNode payload = RecordedEvents.payload(RecordedEvents.envelope(AvailabilityTopic.REJECTED));
        payload.put("reason", "HOST_ON_HOLIDAY");
        assertEquals(HoldRejected.Reason.OTHER, MAPPER.treeToValue(payload, HoldRejected.class).reason());
    }

    @Test
    void bookingFactsLeaveOutWhatDoesNotApply() {
        BookingFacts requested = new BookingFacts(UUID.randomUUID(), UUID.randomUUID(), null, null, 2, null, null, null);
        ObjectNode written = MAPPER.valueToTree(requested);
        assertFalse(written.has("total_price"));
        assertFalse(written.has("previous_status"));
        assertEquals(2, written.get("num_guests").asInt());
    }

    @Test
    void aMissingRequiredNumberIsAnErrorNotZero() {
        ObjectNode payload = RecordedEvents.payload(RecordedEvents.envelope(PropertyTopic.CREATED));
        payload.remove("max_guests");
        assertThrows(MismatchedInputException.class, () -> MAPPER.treeToValue(payload, PropertyFacts.class));
    }
}
