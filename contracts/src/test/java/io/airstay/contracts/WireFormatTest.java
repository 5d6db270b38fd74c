package io.airstay.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
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
    void datesHaveFourDigitYearsAndExistOnTheCalendar() throws Exception {
        assertEquals(LocalDate.of(2031, 2, 28), MAPPER.readValue("\"2031-02-28\"", LocalDate.class));
        for (String date : List.of("+999999999-12-31", "-0001-01-01", "2031-02-29", "2031-2-28", "20310228")) {
            assertThrows(InvalidFormatException.class, () -> MAPPER.readValue("\"" + date + "\"", LocalDate.class), date);
        }
    }

    @Test
    void aMissingRequiredNumberIsAnErrorNotZero() {
        ObjectNode payload = RecordedEvents.payload(RecordedEvents.envelope(PropertyTopic.CREATED));
        payload.remove("max_guests");
        assertThrows(MismatchedInputException.class, () -> MAPPER.treeToValue(payload, PropertyFacts.class));
    }
}
