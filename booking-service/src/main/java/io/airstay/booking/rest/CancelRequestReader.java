package io.airstay.booking.rest;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.airstay.booking.rest.dto.CancelRequest;

/**
 * The cancel body is optional, and clients that send none often declare a type anyway (a form's, text's): the JSON
 * reader takes JSON bodies, this one the rest, as JSON when there is one. No body, or a blank one, is no request.
 */
@Provider
@Consumes(MediaType.WILDCARD)
public class CancelRequestReader implements MessageBodyReader<CancelRequest> {

    private final ObjectMapper json;

    public CancelRequestReader(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == CancelRequest.class;
    }

    @Override
    public CancelRequest readFrom(Class<CancelRequest> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        byte[] bytes = body.readAllBytes();
        return new String(bytes, StandardCharsets.UTF_8).isBlank() ? null : json.readValue(bytes, CancelRequest.class);
    }
}
