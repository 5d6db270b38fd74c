package io.airstay.availability;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;

import io.airstay.contracts.availability.AvailabilityTopic;
import io.airstay.contracts.booking.BookingFacts;
import io.airstay.contracts.booking.BookingTopic;
import io.airstay.contracts.property.PropertyFacts;
import io.airstay.contracts.property.PropertyTopic;
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

    /** The host of every listing the fixture announces. */
    public static final UUID HOST = UUID.randomUUID();

    /** Announces a new property on property-events and waits until its calendar answers. */
    public UUID property(BigDecimal basePrice, int minimumNights) {
        UUID propertyId = UUID.randomUUID();
        sendPropertyEvent(PropertyTopic.CREATED, propertyId, basePrice, minimumNights, true);
        await().atMost(WAIT).until(() -> given().get("/api/v1/properties/" + propertyId + "/availability")
                .statusCode() == 200);
        return propertyId;
    }

    /** A property-events event as search-service announces it: 25.00 cleaning, up to 4 guests and 30 nights. */
    public EventEnvelope sendPropertyEvent(String type, UUID propertyId, BigDecimal basePrice, int minimumNights,
            boolean active) {
        PropertyFacts facts = new PropertyFacts(propertyId, HOST, "Test flat", "Testville", 4, basePrice,
                new BigDecimal("25.00"), minimumNights, 30, false, active);
        return send(PropertyTopic.NAME, EventEnvelope.create(type, propertyId, HOST, codec.toPayload(facts), "test"));
    }

    /** A booking.requested as booking-service announces it. */
    public EventEnvelope bookingRequested(UUID propertyId, UUID bookingId, LocalDate checkIn, LocalDate checkOut) {
        UUID guestId = UUID.randomUUID();
        return send(BookingTopic.NAME, EventEnvelope.create(BookingTopic.REQUESTED, propertyId, guestId,
                codec.toPayload(new BookingFacts(bookingId, guestId, checkIn, checkOut, 2, null, null, null)), "test"));
    }

    /** A booking.canceled of a confirmed stay, as booking-service announces it. */
    public EventEnvelope bookingCanceled(UUID propertyId, UUID bookingId, LocalDate checkIn, LocalDate checkOut) {
        UUID guestId = UUID.randomUUID();
        BookingFacts facts = new BookingFacts(bookingId, guestId, checkIn, checkOut, 2, new BigDecimal("200.00"),
                "CONFIRMED", "plans changed");
        return send(BookingTopic.NAME, EventEnvelope.create(BookingTopic.CANCELED, propertyId, guestId,
                codec.toPayload(facts), "test"));
    }

    public EventEnvelope send(String topic, EventEnvelope event) {
        KafkaTestClient.send(kafka, topic, event.propertyId().toString(), codec.encode(event));
        return event;
    }

    /** Sends an envelope as it stands in JSON: recorded by another service, or from a newer producer. */
    public void send(String topic, UUID propertyId, JsonNode envelope) {
        KafkaTestClient.send(kafka, topic, propertyId.toString(), envelope.toString());
    }

    /** availability-events about this property, read until {@code done} holds. */
    public List<EventEnvelope> availabilityEvents(UUID propertyId, Predicate<List<EventEnvelope>> done) {
        List<ConsumerRecord<String, String>> records = KafkaTestClient.readUntil(kafka, AvailabilityTopic.NAME,
                read -> done.test(decode(read, propertyId)), WAIT);
        return decode(records, propertyId);
    }

    /** The outcome events (held or rejected) that answer the booking. */
    public static List<EventEnvelope> outcomesFor(List<EventEnvelope> events, UUID bookingId) {
        return events.stream()
                .filter(e -> e.eventType().equals(AvailabilityTopic.HELD) || e.eventType().equals(AvailabilityTopic.REJECTED))
                .filter(e -> bookingId.toString().equals(e.payload().path("booking_id").asText()))
                .toList();
    }

    private List<EventEnvelope> decode(List<ConsumerRecord<String, String>> records, UUID propertyId) {
        return records.stream().filter(r -> propertyId.toString().equals(r.key())).map(r -> codec.decode(r.value())).toList();
    }
}
