package io.airstay.booking.config;

import java.math.BigDecimal;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "airstay.booking")
public interface BookingConfig {

    /** How long POST /bookings waits for availability's answer before replying 202 with the pending booking. */
    @WithDefault("2s")
    Duration sagaWait();

    /** The service fee, as a share of the nightly total the guest pays on top of it. */
    @WithDefault("0.12")
    BigDecimal serviceFeeRate();

    /** How often confirmed stays past their check-out are marked COMPLETED ({@code off} disables). */
    @WithDefault("15m")
    String completionEvery();

    /**
     * How long a booking may stay PENDING: past it, the booking is EXPIRED and whatever availability holds for it is
     * released. Far above a healthy saga's milliseconds, so only a stalled saga (availability down, a lost answer) reaches it.
     */
    @WithDefault("60s")
    Duration deadline();

    /** How often pending bookings past their deadline are expired. */
    @WithDefault("5s")
    String expiryEvery();
}
