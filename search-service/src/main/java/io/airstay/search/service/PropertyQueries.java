package io.airstay.search.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.airstay.platform.json.JsonDocuments;
import io.airstay.platform.pagination.Page;
import io.airstay.search.mapping.PropertyMapper;
import io.airstay.search.repository.PropertyRepository;
import io.airstay.search.repository.PropertySearch;
import io.airstay.search.repository.PropertySearchRepository;
import io.airstay.search.repository.SearchHit;
import io.airstay.search.rest.dto.SearchResult;

/** Database reads behind the cache; they run on worker threads when the cache misses. */
@ApplicationScoped
public class PropertyQueries {

    private final PropertyRepository properties;
    private final PropertySearchRepository searches;
    private final JsonDocuments json;

    public PropertyQueries(PropertyRepository properties, PropertySearchRepository searches, JsonDocuments json) {
        this.properties = properties;
        this.searches = searches;
        this.json = json;
    }

    /** The active listing's detail document, or empty for unknown and deactivated listings. */
    @Transactional
    public Optional<String> detailDocument(UUID id) {
        return properties.findByIdOptional(id)
                .filter(property -> property.active)
                .map(property -> json.write(PropertyMapper.toDetail(property)));
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
