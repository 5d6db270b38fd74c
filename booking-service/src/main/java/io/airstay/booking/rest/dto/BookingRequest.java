package io.airstay.booking.rest.dto;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.airstay.platform.problem.AccessDeniedException;

/** POST /api/v1/bookings. Rules that need the listing (guests, nights, dates) are checked by the service. */
public record BookingRequest(
        @NotNull UUID propertyId,
        UUID guestId,
        @NotNull LocalDate checkInDate,
        @NotNull LocalDate checkOutDate,
        @NotNull @Min(1) @Max(50) Integer numGuests,
        @Size(max = 2_000) String specialRequests) {

    /** This request made by {@code caller}: a guest books for themselves, so guest_id names them or nobody. */
    public BookingRequest forGuest(UUID caller) {
        if (guestId != null && !guestId.equals(caller)) {
            throw new AccessDeniedException("guest_id names another user: a guest books for themselves");
        }
        return new BookingRequest(propertyId, caller, checkInDate, checkOutDate, numGuests, specialRequests);
    }

    /** A request as the API documentation shows it. */
    public static final String EXAMPLE = """
            {"property_id": "3f2b8c1e-7d4a-4e59-9c61-2a8f0b7d5e13", "guest_id": "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9",
             "check_in_date": "2030-07-01", "check_out_date": "2030-07-04", "num_guests": 2,
             "special_requests": "Arriving late, around 23:00"}""";
}
