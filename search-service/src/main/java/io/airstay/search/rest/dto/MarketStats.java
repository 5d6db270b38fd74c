package io.airstay.search.rest.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A city's monthly statistics, public. */
@RegisterForReflection
@Schema(description = "A city's statistics: one entry per month of the range, and the range's totals")
public record MarketStats(
        @Schema(description = "The city as its listings spell it") String city,
        @Schema(description = "First month, YYYY-MM") String from,
        @Schema(description = "Last month, YYYY-MM") String to,
        @Schema(nullable = true, description = "The run the figures come from; null before the first run") StatsRun run,
        @Schema(description = "Every month from from to to, in order") List<MarketMonth> months,
        @Schema(description = "The whole range, rates and averages recomputed from its sums") MarketTotals totals) {
}
