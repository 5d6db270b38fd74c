package io.airstay.platform.json;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Renders API documents to JSON once, for the cache (which stores and serves the text as is). */
@ApplicationScoped
public class JsonDocuments {

    private final ObjectMapper mapper;

    public JsonDocuments(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(Object document) {
        try {
            return mapper.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + document.getClass().getSimpleName(), e);
        }
    }

    /** Reads a document this service wrote (e.g. a cache entry); a document that does not parse is a bug. */
    public <T> T read(String document, Class<T> type) {
        try {
            return mapper.readValue(document, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a " + type.getSimpleName(), e);
        }
    }
}
