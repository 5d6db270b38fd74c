package io.airstay.search.messaging.events;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The part of review.submitted that search keeps: the rating, for the listing's average. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReviewSubmitted(UUID reviewId, int rating) {
}
