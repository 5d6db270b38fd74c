package io.airstay.search.messaging.events;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The part of review.submitted that search keeps: the rating, for the listing's average. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReviewSubmitted(UUID reviewId, int rating) {
}
