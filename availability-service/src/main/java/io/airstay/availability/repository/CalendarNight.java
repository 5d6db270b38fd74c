package io.airstay.availability.repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** One night of a listing's calendar as stored. */
public record CalendarNight(LocalDate date, BigDecimal price, int minimumNights, UUID bookingId, boolean blocked) {

    public boolean available() {
        return bookingId == null && !blocked;
    }

    /** This night as it is once the booking holds it. */
    public CalendarNight heldBy(UUID holder) {
        return new CalendarNight(date, price, minimumNights, holder, blocked);
    }
}
