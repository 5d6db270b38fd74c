package io.airstay.review.rest.dto;

import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** POST /api/v1/properties/{id}/reviews: the overall rating is required, sub-ratings and text are optional. */
public record ReviewRequest(
        @NotNull UUID bookingId,
        @Schema(description = "Optional: the caller, who reviews their own stay") UUID guestId,
        @NotNull @Min(1) @Max(5) Integer rating,
        @Min(1) @Max(5) Integer cleanlinessRating,
        @Min(1) @Max(5) Integer accuracyRating,
        @Min(1) @Max(5) Integer communicationRating,
        @Min(1) @Max(5) Integer locationRating,
        @Min(1) @Max(5) Integer valueRating,
        @Size(max = 5_000) String reviewText,
        @Schema(defaultValue = "en") @Pattern(regexp = "^[a-z]{2}$", message = "must be a two-letter ISO 639-1 code") String reviewLanguage) {

    /** A review as the API documentation shows it. */
    public static final String EXAMPLE = """
            {"booking_id": "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", "guest_id": "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9",
             "rating": 5, "cleanliness_rating": 5, "location_rating": 4,
             "review_text": "Spotless flat, great view of the river.", "review_language": "en"}""";
}
