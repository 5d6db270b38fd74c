package io.airstay.booking.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

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

    /** Token that opens the operator-only paths (/internal/...); absent, they answer 404. */
    Optional<String> operatorToken();
}
