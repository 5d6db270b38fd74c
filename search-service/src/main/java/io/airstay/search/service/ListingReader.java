package io.airstay.search.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** Guests' reads: served from Redis, from the database on a miss (on a worker thread, never the event loop). */
@ApplicationScoped
public class ListingReader {

    private final ListingCache cache;
    private final PropertyQueries queries;

    public ListingReader(ListingCache cache, PropertyQueries queries) {
        this.cache = cache;
        this.queries = queries;
    }

    /** The detail JSON of an active listing; empty when unknown or deactivated. */
    public Uni<Optional<String>> detail(UUID id) {
        return cache.detail(id, () -> queries.detailDocument(id));
    }

    /** A page of search results as JSON. */
    public Uni<String> search(SearchCriteria criteria) {
        return cache.search(criteria, () -> queries.searchDocument(criteria));
    }
}
