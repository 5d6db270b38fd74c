package io.airstay.contracts;

import java.time.LocalDate;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;

/**
 * The JSON conventions of events and of the HTTP API alike: snake_case names, ISO-8601 dates, exact
 * decimals, unknown fields ignored so that producers can add fields without breaking consumers.
 */
public final class WireFormat {

    /**
     * Dates as YYYY-MM-DD with a four-digit year and no sign: ISO-8601's expanded years (+999999999-12-31) name days
     * that neither PostgreSQL nor any stay can hold, so they are refused where they are read.
     */
    public static final DateTimeFormatter DATE = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4).appendLiteral('-')
            .appendValue(ChronoField.MONTH_OF_YEAR, 2).appendLiteral('-')
            .appendValue(ChronoField.DAY_OF_MONTH, 2)
            .toFormatter().withResolverStyle(ResolverStyle.STRICT).withChronology(IsoChronology.INSTANCE);

    private WireFormat() {
    }

    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        // A missing primitive would otherwise silently become 0.
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        // Registered after the JavaTimeModule, so it reads LocalDate in its place.
        mapper.registerModule(new SimpleModule("wire-format-dates").addDeserializer(LocalDate.class, new LocalDateDeserializer(DATE)));
        return mapper;
    }

    /** A mapper with these conventions, for code that runs outside Quarkus (tools, tests). */
    public static ObjectMapper newMapper() {
        return configure(JsonMapper.builder().addModule(new JavaTimeModule()).build());
    }
}
