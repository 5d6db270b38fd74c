package io.airstay.search.messaging;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.airstay.contracts.review.ReviewTopic;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.messaging.IdempotentConsumer;
import io.airstay.search.service.PropertyCountsProjection;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** review-events keep each property's rating and review count; each event is applied once. */
@ApplicationScoped
public class ReviewEventsConsumer {

    private final IdempotentConsumer consumer;
    private final Map<String, Consumer<List<EventEnvelope>>> handlers;

    public ReviewEventsConsumer(IdempotentConsumer consumer, PropertyCountsProjection counts) {
        this.consumer = consumer;
        this.handlers = IdempotentConsumer.oneByOne(Map.of(ReviewTopic.SUBMITTED, counts::reviewSubmitted));
    }

    @Incoming(ReviewTopic.NAME)
    @Blocking
    public void onReviewEvent(List<String> messages) {
        consumer.processBatch("search.reviews", ReviewTopic.NAME, messages, handlers);
    }
}
