package io.airstay.platform.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The envelope every event travels in (docs/events.md#envelope). Unknown fields are ignored so producers
 * can add fields without breaking consumers.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventEnvelope(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("event_type") String eventType,
        @JsonProperty("event_timestamp") Instant eventTimestamp,
        @JsonProperty("property_id") UUID propertyId,
        @JsonProperty("user_id") UUID userId,
        @JsonProperty("payload") JsonNode payload,
        @JsonProperty("metadata") EventMetadata metadata) {

    /** Current envelope schema version, carried in {@code metadata.version}. */
    public static final int VERSION = 1;

    public static EventEnvelope create(String eventType, UUID propertyId, UUID userId, JsonNode payload, String source) {
        return new EventEnvelope(UUID.randomUUID(), eventType, Instant.now(), propertyId, userId, payload,
                new EventMetadata(source, VERSION));
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EventMetadata(@JsonProperty("source") String source, @JsonProperty("version") int version) {
    }
}
