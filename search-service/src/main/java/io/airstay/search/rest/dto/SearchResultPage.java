package io.airstay.search.rest.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.airstay.platform.pagination.Page;

/**
 * The OpenAPI schema of a search answer, which is sent as the cached JSON of a {@code Page<SearchResult>}: an
 * annotation cannot name a generic type, so this record spells the page out.
 */
@Schema(name = "PageSearchResult", description = "A page of search results")
public record SearchResultPage(List<SearchResult> data, Page.Pagination pagination) {
}
