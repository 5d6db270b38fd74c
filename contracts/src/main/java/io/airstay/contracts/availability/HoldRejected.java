package io.airstay.contracts.availability;

import java.time.LocalDate;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** availability.rejected: no night of the stay was held; {@code detail} is a sentence for people. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record HoldRejected(
        UUID bookingId,
        LocalDate checkInDate,
        LocalDate checkOutDate,
        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE) Reason reason,
        String detail) {

    @RegisterForReflection
    public enum Reason {
        TAKEN, BLOCKED, OUTSIDE_HORIZON, LISTING_INACTIVE, UNKNOWN_LISTING, BELOW_MINIMUM_NIGHTS, ABOVE_MAXIMUM_NIGHTS,
        INVALID_DATES,
        /** A reason added by a newer producer: read as this, so that a consumer still rejects the booking. */
        @JsonEnumDefaultValue
        OTHER
    }
}
