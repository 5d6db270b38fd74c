package io.airstay.platform.json;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.airstay.contracts.WireFormat;
import io.quarkus.jackson.ObjectMapperCustomizer;

/** The application's ObjectMapper speaks the wire format of the API and the events (snake_case, ISO dates, exact decimals). */
@Singleton
public class SnakeCaseObjectMapper implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        WireFormat.configure(mapper);
    }

    /** Last, after Quarkus registers its modules: the wire format's date reader must be registered after JavaTimeModule's. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }
}
