package io.airstay.search.rest.dto;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Stays of a month, or of a range of months: nights, revenue, bookings and cancellations. */
@RegisterForReflection
@Schema(description = "Nights, revenue, bookings and cancellations")
public record StayFigures(
        @Schema(description = "Nights the calendar offered") long nightsAvailable,
        @Schema(description = "Nights booked") long nightsBooked,
        @Schema(description = "nights_booked / nights_available, 0 to 1") BigDecimal occupancyRate,
        @Schema(description = "Revenue of the nights booked") BigDecimal revenue,
        @Schema(description = "Average daily rate: revenue / nights_booked") BigDecimal adr,
        @Schema(description = "Revenue per available night: revenue / nights_available") BigDecimal revpar,
        @Schema(description = "Bookings made") long bookings,
        @Schema(description = "Bookings canceled") long cancellations,
        @Schema(description = "cancellations / bookings, 0 to 1") BigDecimal cancellationRate,
        @Schema(description = "Average days from booking to check-in") BigDecimal avgLeadTimeDays,
        @Schema(description = "Average nights per booking") BigDecimal avgLengthOfStay) {
}
