package io.airstay.review.rest;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.airstay.platform.pagination.Cursors;
import io.airstay.platform.problem.Params;
import io.airstay.review.rest.dto.ReviewRequest;
import io.airstay.review.rest.dto.ReviewView;
import io.airstay.review.service.ReviewService;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/properties/{id}/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reviews", description = "Guests review completed stays")
public class ReviewResource {

    private final ReviewService reviews;

    public ReviewResource(ReviewService reviews) {
        this.reviews = reviews;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Review a completed stay of this listing (once per stay)")
    public Response submit(@RestPath String id, @NotNull @Valid ReviewRequest body) {
        ReviewView review = reviews.submit(Params.uuid("property_id", id), body);
        return Response.status(Response.Status.CREATED).entity(review).build();
    }

    @GET
    @Operation(summary = "The listing's reviews, newest first; follow next_cursor for the next page")
    public Uni<Response> list(@RestPath String id, @RestQuery String cursor, @RestQuery("page_size") String pageSize,
            @RestHeader(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding) {
        UUID propertyId = Params.uuid("property_id", id);
        int size = Params.present(pageSize) ? Params.integer("page_size", pageSize, 1, 100) : 20;
        String position = Params.present(cursor) ? cursor.trim() : null;
        Cursors.decodeNewestFirst(position); // a malformed cursor is a 400 before any cache lookup
        return reviews.page(propertyId, size, position).map(body -> body.toResponse(acceptEncoding));
    }

    @GET
    @Path("/summary")
    @Operation(summary = "Review count, average rating and sub-ratings, sentiment distribution")
    public Uni<Response> summary(@RestPath String id, @RestHeader(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding) {
        return reviews.summary(Params.uuid("property_id", id)).map(body -> body.toResponse(acceptEncoding));
    }
}
