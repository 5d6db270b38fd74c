package io.airstay.search.rest.dto;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A listing as a host writes it (POST and PUT; PATCH merges a partial document onto the current
 * listing and validates the result as one of these). Optional fields take their defaults when absent.
 */
public record PropertyRequest(
        @Schema(description = "Optional: the caller, who publishes as themselves") UUID hostId,
        @NotNull @Pattern(regexp = PropertyTypes.ANCHORED_PATTERN, message = "must be one of " + PropertyTypes.LIST) String propertyType,
        @NotBlank @Size(max = 200) String title,
        @Size(max = 10_000) String description,
        @NotNull @Min(0) @Max(50) Integer bedrooms,
        @NotNull @DecimalMin("0") @DecimalMax("50") @Digits(integer = 2, fraction = 1) BigDecimal bathrooms,
        @Schema(description = "Defaults to bedrooms") @Min(0) @Max(100) Integer beds,
        @NotNull @Min(1) @Max(50) Integer maxGuests,
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("100000") @Digits(integer = 8, fraction = 2) BigDecimal basePrice,
        @Schema(defaultValue = "0") @DecimalMin("0") @DecimalMax("100000") @Digits(integer = 8, fraction = 2) BigDecimal cleaningFee,
        @Size(max = 100) List<@NotBlank @Size(max = 100) String> amenities,
        @Size(max = 5_000) String houseRules,
        @Size(max = 300) String locationAddress,
        @NotBlank @Size(max = 100) String locationCity,
        @Size(max = 100) String locationState,
        @NotBlank @Size(max = 100) String locationCountry,
        @Size(max = 20) String locationZipcode,
        @Size(max = 100) String neighborhood,
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
        @Size(max = 50) List<@NotBlank @Size(max = 2_000) String> propertyImages,
        @Schema(defaultValue = "false") Boolean instantBookable,
        @Schema(defaultValue = "1") @Min(1) @Max(365) Integer minimumNights,
        @Schema(defaultValue = "365") @Min(1) @Max(365) Integer maximumNights,
        @Schema(defaultValue = "moderate") @Pattern(regexp = "^(flexible|moderate|strict)$", message = "must be one of flexible, moderate, strict") String cancellationPolicy,
        @Schema(defaultValue = "false") Boolean hostIsSuperhost) {

    /** A listing as the API documentation shows it. */
    public static final String EXAMPLE = """
            {"host_id": "6c3f8a52-1d4e-4b7a-9f0e-2a5b7c9d1e3f", "property_type": "apartment",
             "title": "Sunny loft by the river", "description": "Two bedrooms over the old town, five minutes from the tram.",
             "bedrooms": 2, "bathrooms": 1.5, "max_guests": 4, "base_price": 120.00, "cleaning_fee": 35.00,
             "amenities": ["wifi", "kitchen"], "location_city": "Lisbon", "location_country": "Portugal",
             "latitude": 38.7071, "longitude": -9.1355, "minimum_nights": 2, "cancellation_policy": "flexible"}""";
}
