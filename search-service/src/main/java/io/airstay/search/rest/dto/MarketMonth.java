package io.airstay.search.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One month of a city's statistics; zeros when the month has no data. */
@RegisterForReflection
public record MarketMonth(
        @Schema(description = "YYYY-MM", example = "2026-03") String month,
        @Schema(description = "Listings with a calendar, booking or cancellation in the month") int listings,
        StayFigures stays,
        ReviewFigures reviews) {
}
