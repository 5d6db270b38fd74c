package io.airstay.search;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.airstay.contracts.RecordedEvents;
import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.testing.KafkaTestClient;

/** Test fixture: other services' events, sent through Kafka as their producers send them (keyed by property). */
@ApplicationScoped
public class EventFixture {

    private final EventCodec codec;
    private final String kafka;

    public EventFixture(EventCodec codec, @ConfigProperty(name = "kafka.bootstrap.servers") String kafka) {
        this.codec = codec;
        this.kafka = kafka;
    }

    public EventEnvelope event(String type, UUID propertyId, Map<String, Object> payload) {
        return EventEnvelope.create(type, propertyId, UUID.randomUUID(), codec.toPayload(payload), "test");
    }

    public void send(String topic, EventEnvelope event) {
        KafkaTestClient.send(kafka, topic, event.propertyId().toString(), codec.encode(event));
    }

    /** Sends an envelope as JSON, e.g. one of {@link RecordedEvents}. */
    public void send(String topic, ObjectNode envelope) {
        KafkaTestClient.send(kafka, topic, envelope.get("property_id").asText(), envelope.toString());
    }

    /** The envelope with fields a newer producer might add, to the envelope and to the payload. */
    public static ObjectNode withFieldsAddedLater(ObjectNode envelope) {
        envelope.put("trace_id", "added in a later version");
        RecordedEvents.payload(envelope).put("added_in_a_later_version", "ignored").putObject("new_object").put("nested", 1);
        return envelope;
    }
}
