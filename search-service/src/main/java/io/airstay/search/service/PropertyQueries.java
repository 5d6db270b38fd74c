package io.airstay.search.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.airstay.platform.cache.VersionedDocument;
import io.airstay.platform.json.JsonDocuments;
import io.airstay.platform.pagination.Page;
import io.airstay.search.mapping.PropertyMapper;
import io.airstay.search.model.Property;
import io.airstay.search.repository.PropertyRepository;
import io.airstay.search.repository.PropertySearch;
import io.airstay.search.repository.PropertySearchRepository;
import io.airstay.search.repository.SearchHit;
import io.airstay.search.rest.dto.SearchResult;

/** Database reads behind the cache; they run on worker threads when the cache misses. */
@ApplicationScoped
public class PropertyQueries {

    /**
     * A listing that does not exist yet ranks below the version it is created with (0): the cached "absent" of an
     * unknown id gives way to the listing once it is published.
     */
    private static final long NOT_CREATED = -1;

    private final PropertyRepository properties;
    private final PropertySearchRepository searches;
    private final JsonDocuments json;

    public PropertyQueries(PropertyRepository properties, PropertySearchRepository searches, JsonDocuments json) {
        this.properties = properties;
        this.searches = searches;
        this.json = json;
    }

    /** The listing's detail document as of its version; absent for unknown and deactivated listings. */
    @Transactional
    public VersionedDocument detailDocument(UUID id) {
        return properties.findByIdOptional(id).map(this::detailDocument).orElse(VersionedDocument.absent(NOT_CREATED));
    }

    /** The detail document of the listing as it stands, with its version: absent once deactivated. */
    public VersionedDocument detailDocument(Property property) {
        return property.active ? VersionedDocument.of(property.version, json.write(PropertyMapper.toDetail(property)))
                : VersionedDocument.absent(property.version);
    }

    public String searchDocument(SearchCriteria criteria) {
        PropertySearch search = criteria.search();
        Page<SearchHit> hits = Page.of(searches.search(search), search.pageSize(), criteria.page(),
                last -> SearchCriteria.encodeCursor(search.sort(), last.sortValue(), last.propertyId()));
        Page<SearchResult> page = new Page<>(hits.data().stream().map(PropertyMapper::toSearchResult).toList(),
                hits.pagination());
        return json.write(page);
    }
}
