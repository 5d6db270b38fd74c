package io.airstay.search.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One month of a listing's statistics; zeros when the month has no data. */
@RegisterForReflection
public record ListingMonth(@Schema(description = "YYYY-MM", example = "2026-03") String month, StayFigures stays) {
}
