package io.airstay.search.messaging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.airstay.contracts.RecordedEvents;
import io.airstay.contracts.property.PropertyFacts;
import io.airstay.contracts.property.PropertyTopic;
import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.testing.KafkaTestClient;
import io.airstay.platform.testing.RealServers;
import io.airstay.search.PropertyFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@RealServers
class PropertyEventsTest {

    @Inject
    EventCodec codec;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void everyChangeIsAnnouncedOnPropertyEventsInOrder() {
        String city = PropertyFixture.uniqueCity("Eventon");
        UUID id = PropertyFixture.create(city, Map.of("base_price", 80, "max_guests", 3));
        PropertyFixture.asHost().contentType(ContentType.JSON).body("{\"base_price\": 95}").patch("/api/v1/properties/" + id)
                .then().statusCode(200);
        PropertyFixture.asHost().delete("/api/v1/properties/" + id).then().statusCode(204);

        List<ConsumerRecord<String, String>> records = KafkaTestClient.readUntil(kafka, PropertyTopic.NAME,
                read -> ours(read, id).size() >= 3, Duration.ofSeconds(30));

        List<EventEnvelope> events = ours(records, id);
        assertEquals(List.of(PropertyTopic.CREATED, PropertyTopic.UPDATED, PropertyTopic.DEACTIVATED),
                events.stream().map(EventEnvelope::eventType).toList());
        JsonNode created = events.get(0).payload();
        assertEquals(city, created.get("city").asText());
        assertEquals(3, created.get("max_guests").asInt());
        assertEquals(80, created.get("base_price").asInt());
        assertEquals(35, created.get("cleaning_fee").asInt());
        assertEquals(1, created.get("minimum_nights").asInt());
        assertEquals(30, created.get("maximum_nights").asInt());
        assertEquals(true, created.get("is_active").asBoolean());
        assertEquals(95, events.get(1).payload().get("base_price").asInt());
        assertEquals(false, events.get(2).payload().get("is_active").asBoolean());
        assertEquals("search-service", events.get(0).metadata().source());
    }

    /** Contract: search still writes every field of the recorded property events that consumers are tested with. */
    @Test
    void payloadsCarryTheRecordedFields() {
        UUID id = PropertyFixture.create(PropertyFixture.uniqueCity("Contractville"), Map.of());
        EventEnvelope created = ours(KafkaTestClient.readUntil(kafka, PropertyTopic.NAME, read -> !ours(read, id).isEmpty(),
                Duration.ofSeconds(30)), id).get(0);

        RecordedEvents.payload(RecordedEvents.envelope(PropertyTopic.CREATED)).fieldNames()
                .forEachRemaining(field -> assertTrue(created.payload().hasNonNull(field), field));
        PropertyFacts facts = codec.payload(created, PropertyFacts.class);
        assertEquals(id, facts.propertyId());
        assertEquals(4, facts.maxGuests());
    }

    private List<EventEnvelope> ours(List<ConsumerRecord<String, String>> records, UUID id) {
        return records.stream().filter(r -> id.toString().equals(r.key())).map(r -> codec.decode(r.value())).toList();
    }
}
