package io.airstay.booking;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;

import io.airstay.contracts.property.PropertyFacts;
import io.airstay.contracts.property.PropertyTopic;
import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.security.Roles;
import io.airstay.platform.testing.KafkaTestClient;
import io.airstay.platform.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Test fixture: publishes properties the way search-service does and books them through the API. */
@ApplicationScoped
public class BookingFixture {

    public static final Duration WAIT = Duration.ofSeconds(30);

    private final EventCodec codec;
    private final EntityManager entityManager;
    private final String kafka;
    private final String availabilityUrl;

    public BookingFixture(EventCodec codec, EntityManager entityManager,
            @ConfigProperty(name = "kafka.bootstrap.servers") String kafka,
            @ConfigProperty(name = "airstay.test.availability-service.url") String availabilityUrl) {
        this.codec = codec;
        this.entityManager = entityManager;
        this.kafka = kafka;
        this.availabilityUrl = availabilityUrl;
    }

    /** A property at 100.00 a night, 25.00 cleaning, up to 4 guests and 1-14 nights, known to both services. */
    public UUID property() {
        UUID propertyId = UUID.randomUUID();
        PropertyFacts facts = new PropertyFacts(propertyId, HOST, "Test flat", "Testville", 4, new BigDecimal("100.00"),
                new BigDecimal("25.00"), 1, 14, false, true);
        EventEnvelope created = EventEnvelope.create(PropertyTopic.CREATED, propertyId, HOST, codec.toPayload(facts), "test");
        KafkaTestClient.send(kafka, PropertyTopic.NAME, propertyId.toString(), codec.encode(created));
        await().atMost(WAIT).until(() -> known(propertyId)
                && given().get(availabilityUrl + "/api/v1/properties/" + propertyId + "/availability").statusCode() == 200);
        return propertyId;
    }

    public static Map<String, Object> request(UUID propertyId, UUID guestId, LocalDate checkIn, LocalDate checkOut) {
        Map<String, Object> body = new HashMap<>();
        body.put("property_id", propertyId);
        body.put("guest_id", guestId);
        body.put("check_in_date", checkIn.toString());
        body.put("check_out_date", checkOut.toString());
        body.put("num_guests", 2);
        return body;
    }

    /** The request as the guest its body names (a new guest when it names none). */
    public static Response book(Map<String, Object> body) {
        Object guest = body.getOrDefault("guest_id", UUID.randomUUID());
        return asGuest(UUID.fromString(guest.toString())).contentType(ContentType.JSON).body(body).post("/api/v1/bookings");
    }

    /** The host of every listing the fixture announces. */
    public static final UUID HOST = UUID.randomUUID();

    public static RequestSpecification asHost() {
        return given().header("Authorization", TestTokens.bearer(HOST, Roles.HOST));
    }

    public static RequestSpecification asGuest(UUID guest) {
        return given().header("Authorization", TestTokens.bearer(guest, Roles.GUEST));
    }

    /** Reads any booking (support), without knowing its guest. */
    public static RequestSpecification asOperator() {
        return given().header("Authorization", TestTokens.bearer(UUID.randomUUID(), Roles.OPERATOR));
    }

    /** Sends an envelope as it stands in JSON (recorded by another service, or from a newer producer), keyed {@code key}. */
    public void send(String topic, UUID key, JsonNode envelope) {
        KafkaTestClient.send(kafka, topic, key.toString(), envelope.toString());
    }

    /**
     * A booking waiting for availability's answer, stored as the saga's first step leaves it but announced to nobody:
     * availability never hears of it, so only the events a test sends settle it.
     */
    public UUID pendingBooking(UUID propertyId, LocalDate checkIn, LocalDate checkOut) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                INSERT INTO silver.bookings (booking_id, property_id, guest_id, check_in_date, check_out_date, num_guests,
                    cleaning_fee, booking_status)
                VALUES (?1, ?2, ?3, ?4, ?5, 2, 25, 'PENDING')""")
                .setParameter(1, id).setParameter(2, propertyId).setParameter(3, UUID.randomUUID())
                .setParameter(4, checkIn).setParameter(5, checkOut).executeUpdate());
        return id;
    }

    public String availabilityUrl() {
        return availabilityUrl;
    }

    private boolean known(UUID propertyId) {
        return QuarkusTransaction.requiringNew().call(() -> !entityManager
                .createNativeQuery("SELECT 1 FROM silver.listings WHERE property_id = ?1").setParameter(1, propertyId)
                .getResultList().isEmpty());
    }
}
