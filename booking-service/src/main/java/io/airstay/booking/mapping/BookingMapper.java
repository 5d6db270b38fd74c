package io.airstay.booking.mapping;

import io.airstay.booking.model.Booking;
import io.airstay.booking.rest.dto.BookingView;

public final class BookingMapper {

    private BookingMapper() {
    }

    public static BookingView toView(Booking b) {
        return new BookingView(b.id, b.propertyId, b.guestId, b.checkIn, b.checkOut, b.nights, b.numGuests, b.basePrice,
                b.cleaningFee, b.serviceFee, b.totalPrice, b.status.name(), b.specialRequests, b.createdAt, b.confirmedAt,
                b.canceledAt, b.cancellationReason, b.canceledBy, b.canceledByRole, b.rejectionReason, b.expiredAt);
    }
}
