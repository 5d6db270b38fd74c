package io.airstay.search.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.testing.KafkaTestClient;
import io.airstay.platform.testing.RealServers;
import io.airstay.search.Listings;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@RealServers
class ProjectionConsumersTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventCodec codec;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void reviewsUpdateRatingInDetailAndSearchAndRedeliveryChangesNothing() {
        String city = Listings.uniqueCity("Reviewton");
        UUID id = Listings.create(city, Map.of());
        given().get("/api/v1/properties/search?city=" + city).then().body("data[0].review_count", equalTo(0));

        EventEnvelope five = event("review.submitted", id, Map.of("review_id", UUID.randomUUID(), "rating", 5));
        send("review-events", five);
        send("review-events", five);
        send("review-events", event("review.submitted", id, Map.of("review_id", UUID.randomUUID(), "rating", 4)));

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/properties/" + id).then()
                .body("review_count", equalTo(2)).body("rating", equalTo(4.5f)));
        given().get("/api/v1/properties/search?city=" + city).then()
                .body("data[0].review_count", equalTo(2)).body("data[0].rating", equalTo(4.5f));
    }

    @Test
    void confirmedBookingsCountAndCancellationsOfConfirmedOnesUncount() {
        UUID id = Listings.create(Listings.uniqueCity("Bookham"), Map.of());
        EventEnvelope confirmed = event("booking.confirmed", id, Map.of("booking_id", UUID.randomUUID()));
        send("booking-events", confirmed);
        send("booking-events", confirmed);
        send("booking-events", event("booking.confirmed", id, Map.of("booking_id", UUID.randomUUID())));
        send("booking-events", event("booking.requested", id, Map.of("booking_id", UUID.randomUUID())));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/properties/" + id).then().body("booking_count", equalTo(2)));

        send("booking-events", event("booking.canceled", id, Map.of("booking_id", UUID.randomUUID(), "previous_status", "PENDING")));
        send("booking-events", event("booking.canceled", id, Map.of("booking_id", UUID.randomUUID(), "previous_status", "CONFIRMED")));

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/properties/" + id).then().body("booking_count", equalTo(1)));
    }

    @Test
    void unavailableNightsExcludeListingsFromDateSearches() {
        String city = Listings.uniqueCity("Datesville");
        UUID busy = Listings.create(city, Map.of());
        UUID free = Listings.create(city, Map.of());
        LocalDate checkIn = LocalDate.now().plusDays(30);
        String dates = "&check_in=" + checkIn + "&check_out=" + checkIn.plusDays(3);
        String search = "/api/v1/properties/search?city=" + city + dates;
        given().get(search).then().body("data.size()", equalTo(2));

        EventEnvelope held = event("availability.updated", busy, Map.of("start_date", checkIn.plusDays(2).toString(),
                "end_date", checkIn.plusDays(4).toString(), "unavailable_dates", List.of(checkIn.plusDays(2).toString(),
                        checkIn.plusDays(3).toString())));
        send("availability-events", held);
        send("availability-events", held);

        await().atMost(WAIT).untilAsserted(() -> given().get(search).then()
                .body("data.size()", equalTo(1)).body("data[0].property_id", equalTo(free.toString())));
        given().get("/api/v1/properties/search?city=" + city + "&check_in=" + checkIn.plusDays(4) + "&check_out="
                + checkIn.plusDays(6)).then().body("data.size()", equalTo(2));

        send("availability-events", event("availability.updated", busy, Map.of("start_date", checkIn.plusDays(2).toString(),
                "end_date", checkIn.plusDays(4).toString(), "unavailable_dates", List.of())));
        await().atMost(WAIT).untilAsserted(() -> given().get(search).then().body("data.size()", equalTo(2)));
    }

    private EventEnvelope event(String type, UUID propertyId, Map<String, Object> payload) {
        return EventEnvelope.create(type, propertyId, UUID.randomUUID(), codec.toPayload(payload), "test");
    }

    private void send(String topic, EventEnvelope event) {
        KafkaTestClient.send(kafka, topic, event.propertyId().toString(), codec.encode(event));
    }
}
