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

import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.testing.KafkaTestClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Test fixture: publishes listings the way search-service does and books them through the API. */
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

    /** A listing at 100.00 a night, 25.00 cleaning, up to 4 guests and 1-14 nights, known to both services. */
    public UUID listing() {
        UUID propertyId = UUID.randomUUID();
        Map<String, Object> facts = new HashMap<>();
        facts.put("property_id", propertyId);
        facts.put("base_price", new BigDecimal("100.00"));
        facts.put("cleaning_fee", new BigDecimal("25.00"));
        facts.put("max_guests", 4);
        facts.put("minimum_nights", 1);
        facts.put("maximum_nights", 14);
        facts.put("is_active", true);
        EventEnvelope created = EventEnvelope.create("property.created", propertyId, UUID.randomUUID(),
                codec.toPayload(facts), "test");
        KafkaTestClient.send(kafka, "property-events", propertyId.toString(), codec.encode(created));
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

    public static Response book(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/bookings");
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
