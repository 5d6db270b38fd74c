package io.airstay.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Events of the current contract version as producers wrote them, recorded under {@code events/v1/}. The
 * services' consumer tests send these (from this module's test-jar) to prove that they read what producers
 * write; this module's tests prove that the payload records still read them.
 */
public final class RecordedEvents {

    public static final String VERSION_DIRECTORY = "events/v1/";

    private static final ObjectMapper MAPPER = WireFormat.newMapper();

    private RecordedEvents() {
    }

    /** A fresh copy of the recorded envelope of this type, with a new {@code event_id}. */
    public static ObjectNode envelope(String eventType) {
        String resource = VERSION_DIRECTORY + eventType + ".json";
        try (InputStream in = RecordedEvents.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded event " + resource);
            }
            ObjectNode envelope = (ObjectNode) MAPPER.readTree(in);
            envelope.put("event_id", UUID.randomUUID().toString());
            return envelope;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recorded envelope about another property: {@code property_id} replaced in the envelope and the payload. */
    public static ObjectNode envelope(String eventType, UUID propertyId) {
        ObjectNode envelope = envelope(eventType);
        envelope.put("property_id", propertyId.toString());
        if (payload(envelope).has("property_id")) {
            payload(envelope).put("property_id", propertyId.toString());
        }
        return envelope;
    }

    /**
     * The recorded envelope as a newer producer might write it: with an envelope field and payload fields (one a
     * nested object) that this contract version does not know, which consumers must ignore.
     */
    public static ObjectNode fromNewerProducer(String eventType, UUID propertyId) {
        ObjectNode envelope = envelope(eventType, propertyId);
        envelope.put("trace_id", "added-later");
        payload(envelope).put("pets_allowed", true).putObject("check_in_window").put("from", "15:00");
        return envelope;
    }

    /** The recorded envelope under an event type this contract version does not have, which consumers must skip. */
    public static ObjectNode ofUnknownType(String eventType, UUID propertyId, String unknownType) {
        ObjectNode envelope = envelope(eventType, propertyId);
        envelope.put("event_type", unknownType);
        return envelope;
    }

    public static ObjectNode payload(ObjectNode envelope) {
        return (ObjectNode) envelope.get("payload");
    }
}
