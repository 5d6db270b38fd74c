package io.airstay.booking.service;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.airstay.booking.model.Booking;

/** A stay's price: nightly total + cleaning fee + a service fee on the nightly total (docs/architecture.md). */
final class BookingPricing {

    private BookingPricing() {
    }

    /** Prices the booking, whose cleaning fee is already set, from its nightly total. */
    static void price(Booking booking, BigDecimal nightlyTotal, BigDecimal serviceFeeRate) {
        booking.basePrice = nightlyTotal.setScale(2, RoundingMode.HALF_UP);
        booking.serviceFee = booking.basePrice.multiply(serviceFeeRate).setScale(2, RoundingMode.HALF_UP);
        booking.totalPrice = booking.basePrice.add(booking.cleaningFee).add(booking.serviceFee);
    }
}
