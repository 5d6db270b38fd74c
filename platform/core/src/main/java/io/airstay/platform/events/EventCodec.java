package io.airstay.platform.events;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Turns envelopes and their payloads into JSON and back, with the application's ObjectMapper. */
@ApplicationScoped
public class EventCodec {

    private final ObjectMapper mapper;

    public EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String encode(EventEnvelope envelope) {
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + envelope.eventType(), e);
        }
    }

    /** @throws MalformedEventException when the text is not an envelope with an id and a type */
    public EventEnvelope decode(String json) {
        EventEnvelope envelope;
        try {
            envelope = mapper.readValue(json, EventEnvelope.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("not an event envelope: " + originalMessage(e), e);
        }
        if (envelope == null || envelope.eventId() == null || envelope.eventType() == null) {
            throw new MalformedEventException("event envelope without event_id or event_type", null);
        }
        return envelope;
    }

    public JsonNode toPayload(Object payload) {
        return mapper.valueToTree(payload);
    }

    /** @throws MalformedEventException when the payload does not fit the expected type */
    public <T> T payload(EventEnvelope envelope, Class<T> type) {
        try {
            return mapper.treeToValue(envelope.payload(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException(
                    "payload of " + envelope.eventType() + " " + envelope.eventId() + " does not fit " + type.getSimpleName(), e);
        }
    }

    private static String originalMessage(Exception e) {
        return e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    }
}
