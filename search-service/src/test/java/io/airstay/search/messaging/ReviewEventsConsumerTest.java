package io.airstay.search.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.airstay.contracts.RecordedEvents;
import io.airstay.contracts.review.ReviewTopic;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.testing.RealServers;
import io.airstay.search.EventFixture;
import io.airstay.search.PropertyFixture;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@RealServers
class ReviewEventsConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventFixture events;

    @Test
    void reviewsUpdateRatingInDetailAndSearchAndRedeliveryChangesNothing() {
        String city = PropertyFixture.uniqueCity("Reviewton");
        UUID id = PropertyFixture.create(city, Map.of());
        given().get("/api/v1/properties/search?city=" + city).then().body("data[0].review_count", equalTo(0));

        EventEnvelope five = events.event(ReviewTopic.SUBMITTED, id, Map.of("review_id", UUID.randomUUID(), "rating", 5));
        events.send(ReviewTopic.NAME, five);
        events.send(ReviewTopic.NAME, five);
        events.send(ReviewTopic.NAME, events.event(ReviewTopic.SUBMITTED, id, Map.of("review_id", UUID.randomUUID(), "rating", 4)));

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/properties/" + id).then()
                .body("review_count", equalTo(2)).body("rating", equalTo(4.5f)));
        given().get("/api/v1/properties/search?city=" + city).then()
                .body("data[0].review_count", equalTo(2)).body("data[0].rating", equalTo(4.5f));
    }

    /** Contract: the review.submitted review-service writes (recorded in the contracts module) is counted. */
    @Test
    void recordedReviewSubmittedCountsItsRating() {
        UUID id = PropertyFixture.create(PropertyFixture.uniqueCity("Recordville"), Map.of());
        events.send(ReviewTopic.NAME, RecordedEvents.envelope(ReviewTopic.SUBMITTED, id));

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/properties/" + id).then()
                .body("review_count", equalTo(1)).body("rating", equalTo(5.0f)));
    }

    /** An unknown event type is skipped and the next event still applies, whatever fields it gained. */
    @Test
    void unknownTypesAreSkippedAndAddedFieldsIgnored() {
        UUID id = PropertyFixture.create(PropertyFixture.uniqueCity("Laterton"), Map.of());
        ObjectNode unknown = RecordedEvents.envelope(ReviewTopic.SUBMITTED, id).put("event_type", "review.retracted");
        events.send(ReviewTopic.NAME, unknown);
        events.send(ReviewTopic.NAME, EventFixture.withFieldsAddedLater(RecordedEvents.envelope(ReviewTopic.SUBMITTED, id)));

        // Same key, same partition: once the second event shows, the first was read and skipped.
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/properties/" + id).then()
                .body("review_count", equalTo(1)));
    }
}
