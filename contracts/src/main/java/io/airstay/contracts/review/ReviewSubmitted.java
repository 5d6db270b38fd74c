package io.airstay.contracts.review;

import java.math.BigDecimal;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** review.submitted: a verified stay's review; search keeps the property's rating and review count from it. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReviewSubmitted(UUID reviewId, UUID bookingId, UUID guestId, int rating, BigDecimal sentimentScore,
        String sentimentLabel) {
}
