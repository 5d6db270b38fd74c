package io.airstay.availability;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.testing.KafkaTestClient;

/** Test fixture: drives the service through real Kafka topics, as search-service and booking-service do. */
@ApplicationScoped
public class AvailabilityFixture {

    public static final Duration WAIT = Duration.ofSeconds(30);

    private final EventCodec codec;
    private final String kafka;

    public AvailabilityFixture(EventCodec codec, @ConfigProperty(name = "kafka.bootstrap.servers") String kafka) {
        this.codec = codec;
        this.kafka = kafka;
    }

    /** Announces a new listing on property-events and waits until its calendar answers. */
    public UUID listing(BigDecimal basePrice, int minimumNights) {
        UUID propertyId = UUID.randomUUID();
        sendPropertyEvent("property.created", propertyId, basePrice, minimumNights, true);
        await().atMost(WAIT).until(() -> given().get("/api/v1/properties/" + propertyId + "/availability")
                .statusCode() == 200);
        return propertyId;
    }

    public EventEnvelope sendPropertyEvent(String type, UUID propertyId, BigDecimal basePrice, int minimumNights,
            boolean active) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("property_id", propertyId);
        facts.put("base_price", basePrice);
        facts.put("minimum_nights", minimumNights);
        facts.put("maximum_nights", 30);
        facts.put("is_active", active);
        facts.put("city", "Testville");
        return send("property-events", EventEnvelope.create(type, propertyId, UUID.randomUUID(), codec.toPayload(facts), "test"));
    }

    public EventEnvelope bookingRequested(UUID propertyId, UUID bookingId, LocalDate checkIn, LocalDate checkOut) {
        return send("booking-events", EventEnvelope.create("booking.requested", propertyId, UUID.randomUUID(),
                codec.toPayload(Map.of("booking_id", bookingId, "check_in_date", checkIn.toString(),
                        "check_out_date", checkOut.toString(), "num_guests", 2)), "test"));
    }

    public EventEnvelope bookingCanceled(UUID propertyId, UUID bookingId) {
        return send("booking-events", EventEnvelope.create("booking.canceled", propertyId, UUID.randomUUID(),
                codec.toPayload(Map.of("booking_id", bookingId, "previous_status", "CONFIRMED")), "test"));
    }

    public EventEnvelope send(String topic, EventEnvelope event) {
        KafkaTestClient.send(kafka, topic, event.propertyId().toString(), codec.encode(event));
        return event;
    }

    /** availability-events about this listing, read until {@code done} holds. */
    public List<EventEnvelope> availabilityEvents(UUID propertyId, Predicate<List<EventEnvelope>> done) {
        List<ConsumerRecord<String, String>> records = KafkaTestClient.readUntil(kafka, "availability-events",
                read -> done.test(decode(read, propertyId)), WAIT);
        return decode(records, propertyId);
    }

    /** The outcome events (held or rejected) that answer the booking. */
    public static List<EventEnvelope> outcomesFor(List<EventEnvelope> events, UUID bookingId) {
        return events.stream()
                .filter(e -> e.eventType().equals("availability.held") || e.eventType().equals("availability.rejected"))
                .filter(e -> bookingId.toString().equals(e.payload().path("booking_id").asText()))
                .toList();
    }

    private List<EventEnvelope> decode(List<ConsumerRecord<String, String>> records, UUID propertyId) {
        return records.stream().filter(r -> propertyId.toString().equals(r.key())).map(r -> codec.decode(r.value())).toList();
    }
}
