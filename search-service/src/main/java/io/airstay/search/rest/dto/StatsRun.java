package io.airstay.search.rest.dto;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The analytics run the figures come from. */
@RegisterForReflection
@Schema(description = "The analytics run the figures come from")
public record StatsRun(long runId, @Schema(description = "When the run finished") Instant finishedAt) {
}
