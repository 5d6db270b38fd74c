package io.airstay.search.rest.dto;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

import io.airstay.search.service.SearchCriteria;

/**
 * The query parameters of GET /api/v1/properties/search, as sent. They are read as text and parsed by
 * {@link #criteria()}, so that a wrong value is a 400 naming the parameter rather than the framework's bare 404.
 */
public record SearchQuery(
        @RestQuery @Parameter(description = "City, any case", schema = @Schema(type = SchemaType.STRING, maxLength = 100))
        String city,
        @RestQuery("property_type") @Parameter(schema = @Schema(type = SchemaType.STRING, pattern = PropertyTypes.ANCHORED_PATTERN))
        String propertyType,
        @RestQuery("num_guests") @Parameter(description = "Guests the listing must host",
                schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "50"))
        String numGuests,
        @RestQuery("min_bedrooms") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "50"))
        String minBedrooms,
        @RestQuery("min_price") @Parameter(description = "Lowest nightly base price",
                schema = @Schema(type = SchemaType.NUMBER, minimum = "0", maximum = "100000"))
        String minPrice,
        @RestQuery("max_price") @Parameter(description = "Highest nightly base price, not below min_price",
                schema = @Schema(type = SchemaType.NUMBER, minimum = "0", maximum = "100000"))
        String maxPrice,
        @RestQuery("check_in") @Parameter(description = "With check_out: only listings free for these nights",
                schema = @Schema(type = SchemaType.STRING, format = "date"))
        String checkIn,
        @RestQuery("check_out") @Parameter(description = "After check_in, at most 365 nights later",
                schema = @Schema(type = SchemaType.STRING, format = "date"))
        String checkOut,
        @RestQuery @Parameter(description = "With longitude: only listings within radius_km of this point",
                schema = @Schema(type = SchemaType.NUMBER, minimum = "-90", maximum = "90"))
        String latitude,
        @RestQuery @Parameter(schema = @Schema(type = SchemaType.NUMBER, minimum = "-180", maximum = "180"))
        String longitude,
        @RestQuery("radius_km") @Parameter(description = "Needs latitude and longitude",
                schema = @Schema(type = SchemaType.NUMBER, minimum = "0.1", maximum = "500", defaultValue = "25"))
        String radiusKm,
        @RestQuery @Parameter(description = "Best rated first by default; nearest first by default with latitude and "
                + "longitude (distance needs them)", schema = @Schema(type = SchemaType.STRING,
                        enumeration = { "rating", "price", "price_desc", "distance" }))
        String sort,
        @RestQuery @Parameter(description = "The next_cursor of the previous page")
        String cursor,
        @RestQuery @Parameter(description = "Page number, for the first 1,000 results; deeper pages follow next_cursor",
                schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
        String page,
        @RestQuery("page_size") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100",
                defaultValue = "20"))
        String pageSize) {

    /** The validated search; a 400 naming the parameter when a value is wrong or two values contradict. */
    public SearchCriteria criteria() {
        return SearchCriteria.parse(city, propertyType, numGuests, minBedrooms, minPrice, maxPrice, checkIn, checkOut,
                latitude, longitude, radiusKm, sort, cursor, page, pageSize);
    }
}
