package io.airstay.search.rest.dto;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Reviews of a month, or of a range of months, in a city. */
@RegisterForReflection
@Schema(description = "Reviews written, their average rating and their sentiment")
public record ReviewFigures(
        long reviews,
        @Schema(description = "Average rating, 1 to 5; 0 without reviews") BigDecimal avgRating,
        long reviewsPositive,
        long reviewsNeutral,
        long reviewsNegative) {
}
