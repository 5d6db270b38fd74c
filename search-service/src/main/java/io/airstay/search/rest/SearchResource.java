package io.airstay.search.rest;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;

import io.airstay.search.rest.dto.SearchQuery;
import io.airstay.search.rest.dto.SearchResultPage;
import io.airstay.search.service.PropertyReader;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/properties/search")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "search", description = "Guests search active listings")
public class SearchResource {

    private final PropertyReader reader;

    public SearchResource(PropertyReader reader) {
        this.reader = reader;
    }

    @GET
    @Operation(operationId = "searchProperties", summary = "Search active listings",
            description = "Keyset pagination: follow pagination.next_cursor; page numbers reach the first 1,000 results.")
    @APIResponse(responseCode = "200", description = "A page of listings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SearchResultPage.class)))
    public Uni<Response> search(@BeanParam SearchQuery query,
            @Parameter(hidden = true) @RestHeader(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding) {
        return reader.request(query.criteria()).map(body -> body.toResponse(acceptEncoding));
    }
}
