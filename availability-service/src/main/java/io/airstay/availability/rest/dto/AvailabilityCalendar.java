package io.airstay.availability.rest.dto;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A listing's nights from start_date to end_date, both included.
 * Nights outside the calendar (past, or beyond the horizon) are listed as unavailable without a price.
 */
@RegisterForReflection
public record AvailabilityCalendar(UUID propertyId, LocalDate startDate, LocalDate endDate, List<Night> availability) {

    @RegisterForReflection
    public record Night(LocalDate date, boolean available,
            @Schema(nullable = true, description = "Null outside the calendar (past nights, or beyond its horizon)") BigDecimal price,
            @Schema(nullable = true) Integer minimumNights) {
    }
}
