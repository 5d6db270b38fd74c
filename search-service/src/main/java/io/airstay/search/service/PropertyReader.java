package io.airstay.search.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.airstay.platform.cache.JsonBody;

import io.smallrye.mutiny.Uni;

/** Guests' reads: served from Redis, from the database on a miss (on a worker thread, never the event loop). */
@ApplicationScoped
public class PropertyReader {

    private final PropertyCache cache;
    private final PropertyQueries queries;
    private final DemandCounters demand;

    public PropertyReader(PropertyCache cache, PropertyQueries queries, DemandCounters demand) {
        this.cache = cache;
        this.queries = queries;
        this.demand = demand;
    }

    /** A guest's request for the detail: {@link #detail}, counted as a view of the listing when it is found. */
    public Uni<Optional<JsonBody>> view(UUID id) {
        return detail(id).invoke(detail -> {
            if (detail.isPresent()) {
                demand.viewed(id);
            }
        });
    }

    /** A guest's search: {@link #search}, counted as demand. */
    public Uni<JsonBody> request(SearchCriteria criteria) {
        demand.searched(criteria);
        return search(criteria);
    }

    /** The detail JSON of an active listing; empty when unknown or deactivated. */
    public Uni<Optional<JsonBody>> detail(UUID id) {
        return cache.detail(id, () -> queries.detailDocument(id));
    }

    /** A page of search results as JSON. */
    public Uni<JsonBody> search(SearchCriteria criteria) {
        return cache.search(criteria, () -> queries.searchDocument(criteria));
    }
}
