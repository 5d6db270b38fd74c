package io.airstay.review.rest;

import static io.airstay.review.ReviewFixture.review;
import static io.airstay.review.ReviewFixture.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.airstay.contracts.RecordedEvents;
import io.airstay.contracts.booking.BookingTopic;
import io.airstay.contracts.review.ReviewTopic;
import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.testing.KafkaTestClient;
import io.airstay.platform.testing.RealServers;
import io.airstay.review.ReviewFixture;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@RealServers
class ReviewResourceTest {

    @Inject
    ReviewFixture fixture;
    @Inject
    EntityManager entityManager;
    @Inject
    EventCodec codec;
    @Inject
    MeterRegistry registry;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void onlyTheGuestOfACompletedStayMayReviewItOnce() {
        UUID property = UUID.randomUUID();
        UUID booking = UUID.randomUUID();
        UUID guest = UUID.randomUUID();
        fixture.stay(property, booking, guest, BookingTopic.CONFIRMED);
        submit(property, review(booking, guest, 5, "Lovely")).then().statusCode(409)
                .contentType(startsWith("application/problem+json"));

        fixture.stay(property, booking, guest, BookingTopic.COMPLETED);
        submit(property, review(booking, guest, 5, "Spotless flat and a very friendly host!")).then().statusCode(201)
                .body("rating", equalTo(5))
                .body("sentiment_label", equalTo("positive"))
                .body("booking_id", equalTo(booking.toString()))
                .body("$", not(hasKey("guest_id"))); // public: the review names no user

        submit(property, review(booking, guest, 4, "Second thoughts")).then().statusCode(409);
        assertEquals(1L, reviewsOf(property));
    }

    @Test
    void submittedReviewIsAnnouncedForSearch() {
        UUID property = UUID.randomUUID();
        UUID[] stay = fixture.completedStay(property);
        String id = submit(property, review(stay[0], stay[1], 2, "The room was not clean.")).then().statusCode(201)
                .body("sentiment_label", equalTo("negative")).extract().path("review_id");

        List<ConsumerRecord<String, String>> records = KafkaTestClient.readUntil(kafka, ReviewTopic.NAME,
                read -> read.stream().anyMatch(r -> r.value().contains(id)), Duration.ofSeconds(30));
        EventEnvelope event = records.stream().filter(r -> r.value().contains(id)).map(r -> codec.decode(r.value()))
                .findFirst().orElseThrow();
        assertEquals(ReviewTopic.SUBMITTED, event.eventType());
        assertEquals(property, event.propertyId());
        assertEquals(2, event.payload().get("rating").asInt());
        assertEquals(id, event.payload().get("review_id").asText());
        // Contract: every field of the recorded review.submitted that consumers are tested with is still written.
        RecordedEvents.payload(RecordedEvents.envelope(ReviewTopic.SUBMITTED)).fieldNames()
                .forEachRemaining(field -> assertTrue(event.payload().hasNonNull(field), field));
    }

    @Test
    void badInputIsA4xxNamingTheFieldAndWritesNothing() {
        UUID property = UUID.randomUUID();
        UUID[] stay = fixture.completedStay(property);
        bad(property, review(stay[0], stay[1], 0, null), "rating");
        bad(property, review(stay[0], stay[1], 6, null), "rating");
        bad(property, review(UUID.randomUUID(), stay[1], 4, null), "booking_id");
        ReviewFixture.submit(property, review(stay[0], UUID.randomUUID(), 4, null)).then().statusCode(403)
                .contentType(startsWith("application/problem+json")).body("detail", containsString("another guest's stay"));
        given().contentType(ContentType.JSON).body(review(stay[0], stay[1], 4, null))
                .post("/api/v1/properties/" + property + "/reviews").then().statusCode(401);
        bad(UUID.randomUUID(), review(stay[0], stay[1], 4, null), "booking_id");
        bad(property, review(stay[0], stay[1], 4, "x".repeat(5_001)), "review_text");
        Map<String, Object> subRating = review(stay[0], stay[1], 4, null);
        subRating.put("cleanliness_rating", 9);
        bad(property, subRating, "cleanliness_rating");
        given().get("/api/v1/properties/nope/reviews").then().statusCode(400).body("errors[0].field", equalTo("property_id"));
        given().get("/api/v1/properties/" + property + "/reviews?cursor=bad!").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        assertEquals(0L, reviewsOf(property));
    }

    @Test
    void reviewsListNewestFirstAcrossPages() {
        UUID property = UUID.randomUUID();
        List<String> submitted = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            UUID[] stay = fixture.completedStay(property);
            submitted.add(0, submit(property, review(stay[0], stay[1], i, "Stay number " + i)).then().statusCode(201)
                    .extract().path("review_id"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = given().get("/api/v1/properties/" + property + "/reviews?page_size=2"
                    + (cursor == null ? "" : "&cursor=" + cursor)).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("data.review_id", String.class));
            cursor = page.getString("pagination.next_cursor");
        } while (cursor != null);
        assertEquals(submitted, seen);
    }

    @Test
    void summaryIsComputedAndRefreshedWhenAReviewIsAdded() {
        UUID property = UUID.randomUUID();
        addReview(property, 5, 5, "Absolutely wonderful, spotless and quiet.");
        addReview(property, 3, 3, "We checked in at three.");
        String summary = "/api/v1/properties/" + property + "/reviews/summary";
        given().get(summary).then().statusCode(200)
                .body("review_count", equalTo(2))
                .body("average_rating", equalTo(4.0f))
                .body("average_sub_ratings.cleanliness", equalTo(4.0f))
                .body("average_sub_ratings.value", equalTo(null))
                .body("sentiment_distribution.positive", equalTo(1))
                .body("sentiment_distribution.neutral", equalTo(1))
                .body("sentiment_distribution.negative", equalTo(0));
        double hits = registry.counter("cache.gets", "cache", "review-summary", "result", "hit").count();
        given().get(summary).then().statusCode(200).body("review_count", equalTo(2));
        assertEquals(hits + 1, registry.counter("cache.gets", "cache", "review-summary", "result", "hit").count());

        addReview(property, 2, null, "Terrible, the bathroom was dirty and the host was rude.");

        given().get(summary).then().statusCode(200)
                .body("review_count", equalTo(3))
                .body("average_rating", equalTo(3.33f))
                .body("average_sub_ratings.cleanliness", equalTo(4.0f))
                .body("sentiment_distribution.negative", equalTo(1));
        given().get("/api/v1/properties/" + property + "/reviews").then().statusCode(200)
                .body("data.size()", equalTo(3)).body("data[0].rating", equalTo(2))
                .body("data.sentiment_label", hasItem("negative"));
    }

    private void addReview(UUID property, int rating, Integer cleanliness, String text) {
        UUID[] stay = fixture.completedStay(property);
        Map<String, Object> body = review(stay[0], stay[1], rating, text);
        if (cleanliness != null) {
            body.put("cleanliness_rating", cleanliness);
        }
        submit(property, body).then().statusCode(201);
    }

    private static void bad(UUID property, Map<String, Object> body, String field) {
        submit(property, body).then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem(field));
    }

    private long reviewsOf(UUID property) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM silver.reviews WHERE property_id = ?1").setParameter(1, property)
                .getSingleResult()).longValue());
    }
}
