package io.airstay.search.rest.dto;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

import io.airstay.search.service.StatsRange;

/** The months a statistics request asks for, as sent; {@link #range()} validates them. */
public record StatsQuery(
        @RestQuery @Parameter(description = "First month, YYYY-MM; by default the 12 months ending at to",
                schema = @Schema(type = SchemaType.STRING, pattern = MONTH_PATTERN))
        String from,
        @RestQuery @Parameter(description = "Last month, YYYY-MM, at most 24 months from from (both included); by default "
                + "the last full month (UTC)", schema = @Schema(type = SchemaType.STRING, pattern = MONTH_PATTERN))
        String to) {

    static final String MONTH_PATTERN = "^\\d{4}-(0[1-9]|1[0-2])$";

    /** The validated range; a 400 naming the parameter when a month is malformed or the range is not allowed. */
    public StatsRange range() {
        return StatsRange.parse(from, to);
    }
}
