package io.airstay.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.airstay.contracts.booking.BookingTopic;
import io.airstay.contracts.review.ReviewTopic;
import io.airstay.platform.json.SnakeCaseObjectMapper;

class EventCodecTest {

    private final ObjectMapper mapper = mapper();
    private final EventCodec codec = new EventCodec(mapper);

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        new SnakeCaseObjectMapper().customize(mapper);
        return mapper;
    }

    @Test
    void envelopeUsesTheEarlierImplementationsFieldNames() throws Exception {
        UUID property = UUID.randomUUID();
        EventEnvelope event = EventEnvelope.create(BookingTopic.REQUESTED, property, UUID.randomUUID(),
                codec.toPayload(Map.of("nights", 3)), "booking-service");

        JsonNode json = mapper.readTree(codec.encode(event));

        assertEquals(event.eventId().toString(), json.get("event_id").asText());
        assertEquals(BookingTopic.REQUESTED, json.get("event_type").asText());
        assertTrue(json.get("event_timestamp").asText().endsWith("Z"), "UTC ISO-8601 timestamp");
        assertEquals(property.toString(), json.get("property_id").asText());
        assertTrue(json.hasNonNull("user_id"));
        assertEquals(3, json.get("payload").get("nights").asInt());
        assertEquals("booking-service", json.get("metadata").get("source").asText());
        assertEquals(EventEnvelope.VERSION, json.get("metadata").get("version").asInt());
    }

    @Test
    void decodingRoundTripsAndIgnoresUnknownFields() {
        EventEnvelope event = EventEnvelope.create(ReviewTopic.SUBMITTED, UUID.randomUUID(), null,
                codec.toPayload(Map.of("rating", 5)), "review-service");
        String withExtras = codec.encode(event).replaceFirst("\\{", "{\"added_later\":{\"x\":1},")
                .replace("\"version\":1", "\"version\":1,\"region\":\"eu\"");

        EventEnvelope decoded = codec.decode(withExtras);

        assertEquals(event, decoded);
    }

    @Test
    void textThatIsNotAnEnvelopeIsMalformed() {
        assertThrows(MalformedEventException.class, () -> codec.decode("not json"));
        assertThrows(MalformedEventException.class, () -> codec.decode("{\"event_type\":\"x\"}"));
        assertThrows(MalformedEventException.class, () -> codec.decode("{\"event_id\":\"not-a-uuid\",\"event_type\":\"x\"}"));
    }

    record Nights(int nights) {
    }

    @Test
    void payloadThatDoesNotFitItsTypeIsMalformed() {
        EventEnvelope event = EventEnvelope.create("x", UUID.randomUUID(), null, codec.toPayload(Map.of("nights", "many")), "t");
        assertThrows(MalformedEventException.class, () -> codec.payload(event, Nights.class));
        EventEnvelope good = EventEnvelope.create("x", UUID.randomUUID(), null, codec.toPayload(Map.of("nights", 2)), "t");
        assertEquals(new Nights(2), codec.payload(good, Nights.class));
    }
}
