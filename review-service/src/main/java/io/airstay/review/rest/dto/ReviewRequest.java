package io.airstay.review.rest.dto;

import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** POST /api/v1/properties/{id}/reviews: the overall rating is required, sub-ratings and text are optional. */
public record ReviewRequest(
        @NotNull UUID bookingId,
        @NotNull UUID guestId,
        @NotNull @Min(1) @Max(5) Integer rating,
        @Min(1) @Max(5) Integer cleanlinessRating,
        @Min(1) @Max(5) Integer accuracyRating,
        @Min(1) @Max(5) Integer communicationRating,
        @Min(1) @Max(5) Integer locationRating,
        @Min(1) @Max(5) Integer valueRating,
        @Size(max = 5_000) String reviewText,
        @Pattern(regexp = "[a-z]{2}", message = "must be a two-letter ISO 639-1 code") String reviewLanguage) {
}
