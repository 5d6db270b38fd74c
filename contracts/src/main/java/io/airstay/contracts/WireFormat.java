package io.airstay.contracts;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON conventions of events and of the HTTP API alike: snake_case names, ISO-8601 dates, exact
 * decimals, unknown fields ignored so that producers can add fields without breaking consumers.
 */
public final class WireFormat {

    private WireFormat() {
    }

    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        // A missing primitive would otherwise silently become 0.
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        return mapper;
    }

    /** A mapper with these conventions, for code that runs outside Quarkus (tools, tests). */
    public static ObjectMapper newMapper() {
        return configure(JsonMapper.builder().addModule(new JavaTimeModule()).build());
    }
}
