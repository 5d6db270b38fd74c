package io.airstay.review;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.airstay.contracts.booking.BookingTopic;
import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.testing.KafkaTestClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.airstay.platform.security.Roles;
import io.airstay.platform.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Test fixture: stays arrive as booking-service announces them, on booking-events. */
@ApplicationScoped
public class ReviewFixture {

    public static final Duration WAIT = Duration.ofSeconds(30);

    private final EventCodec codec;
    private final EntityManager entityManager;
    private final String kafka;

    public ReviewFixture(EventCodec codec, EntityManager entityManager,
            @ConfigProperty(name = "kafka.bootstrap.servers") String kafka) {
        this.codec = codec;
        this.entityManager = entityManager;
        this.kafka = kafka;
    }

    /** Announces the booking with an event of the given type (BookingTopic.CONFIRMED, ...) and waits until review-service has it. */
    public void stay(UUID propertyId, UUID bookingId, UUID guestId, String eventType) {
        Map<String, Object> facts = Map.of("booking_id", bookingId, "guest_id", guestId,
                "check_in_date", LocalDate.now().minusDays(4).toString(), "check_out_date", LocalDate.now().minusDays(1).toString());
        EventEnvelope event = EventEnvelope.create(eventType, propertyId, guestId, codec.toPayload(facts), "test");
        send(propertyId, codec.encode(event));
        await().atMost(WAIT).until(() -> statusAfter(eventType).equals(status(bookingId)));
    }

    /** Sends an event as JSON on booking-events, keyed by property as booking-service sends it. */
    public void send(UUID propertyId, String event) {
        KafkaTestClient.send(kafka, BookingTopic.NAME, propertyId.toString(), event);
    }

    /** The status a booking-events type puts the booking in: booking.completed, COMPLETED. */
    public static String statusAfter(String eventType) {
        return eventType.substring(eventType.indexOf('.') + 1).toUpperCase(Locale.ROOT);
    }

    /** A completed stay of the property by a new guest; returns {booking_id, guest_id}. */
    public UUID[] completedStay(UUID propertyId) {
        UUID booking = UUID.randomUUID();
        UUID guest = UUID.randomUUID();
        stay(propertyId, booking, guest, BookingTopic.COMPLETED);
        return new UUID[] { booking, guest };
    }

    public static Map<String, Object> review(UUID booking, UUID guest, int rating, String text) {
        Map<String, Object> body = new HashMap<>();
        body.put("booking_id", booking);
        body.put("guest_id", guest);
        body.put("rating", rating);
        if (text != null) {
            body.put("review_text", text);
        }
        return body;
    }

    /** Submits the review as the guest its body names. */
    public static Response submit(UUID propertyId, Map<String, Object> body) {
        return given().header("Authorization", TestTokens.bearer((UUID) body.get("guest_id"), Roles.GUEST))
                .contentType(ContentType.JSON).body(body).post("/api/v1/properties/" + propertyId + "/reviews");
    }

    /** The stay's status as review-service keeps it; null while it does not know the booking. */
    public String status(UUID bookingId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> status = entityManager.createNativeQuery("SELECT booking_status FROM silver.stays WHERE booking_id = ?1")
                    .setParameter(1, bookingId).getResultList();
            return status.isEmpty() ? null : status.get(0).toString();
        });
    }
}
