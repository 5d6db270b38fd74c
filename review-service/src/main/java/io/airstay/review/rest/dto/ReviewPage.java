package io.airstay.review.rest.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.airstay.platform.pagination.Page;

/**
 * The OpenAPI schema of a page of reviews, which is sent as the cached JSON of a {@code Page<ReviewView>}: an
 * annotation cannot name a generic type, so this record spells the page out.
 */
@Schema(name = "PageReviewView", description = "A page of reviews")
public record ReviewPage(List<ReviewView> data, Page.Pagination pagination) {
}
