package io.airstay.availability.rest.dto;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A host's change to the nights from start_date to end_date (both included): {@code available} false
 * blocks them, true unblocks them; {@code price} sets their nightly price. At least one of the two.
 */
public record AvailabilityChange(
        @NotNull LocalDate startDate,
        @NotNull LocalDate endDate,
        @Schema(description = "false blocks the nights, true unblocks them") Boolean available,
        @Schema(description = "The nights' new nightly price")
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("100000") @Digits(integer = 8, fraction = 2) BigDecimal price) {

    /** A change as the API documentation shows it. */
    public static final String EXAMPLE = """
            {"start_date": "2030-12-22", "end_date": "2030-12-27", "available": true, "price": 180.00}""";
}
