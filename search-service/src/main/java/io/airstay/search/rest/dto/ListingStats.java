package io.airstay.search.rest.dto;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A listing's monthly statistics, for its host. */
@RegisterForReflection
@Schema(description = "A listing's statistics: one entry per month of the range, and the range's totals")
public record ListingStats(
        UUID propertyId,
        @Schema(description = "First month, YYYY-MM") String from,
        @Schema(description = "Last month, YYYY-MM") String to,
        @Schema(nullable = true, description = "The run the figures come from; null before the first run") StatsRun run,
        @Schema(description = "Every month from from to to, in order") List<ListingMonth> months,
        @Schema(description = "The whole range, rates recomputed from its sums") StayFigures totals) {
}
