package io.airstay.review.rest;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.airstay.platform.pagination.Cursors;
import io.airstay.platform.problem.Params;
import io.airstay.platform.security.CurrentUser;
import io.airstay.platform.security.Roles;
import io.airstay.review.rest.dto.ReviewPage;
import io.airstay.review.rest.dto.ReviewRequest;
import io.airstay.review.rest.dto.ReviewSummary;
import io.airstay.review.rest.dto.ReviewView;
import io.airstay.review.service.ReviewService;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/properties/{id}/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reviews", description = "Guests review completed stays")
public class ReviewResource {

    private final ReviewService reviews;
    private final CurrentUser user;

    public ReviewResource(ReviewService reviews, CurrentUser user) {
        this.reviews = reviews;
        this.user = user;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.GUEST)
    @Operation(operationId = "submitReview", summary = "Review the caller's completed stay of this listing (once per stay)")
    @APIResponse(responseCode = "201", description = "Recorded, with its sentiment",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewView.class)))
    @APIResponse(responseCode = "409", description = "The stay is not completed, or it has already been reviewed")
    public Response submit(@RestPath @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    examples = @ExampleObject(name = "five stars", value = ReviewRequest.EXAMPLE)))
            @NotNull @Valid ReviewRequest body) {
        ReviewView review = reviews.submit(Params.uuid("property_id", id), body, user.id());
        return Response.status(Response.Status.CREATED).entity(review).build();
    }

    @GET
    @Operation(operationId = "listReviews", summary = "The listing's reviews, newest first; follow next_cursor for the next page")
    @APIResponse(responseCode = "200", description = "A page of reviews",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewPage.class)))
    public Uni<Response> list(@RestPath @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @RestQuery @Parameter(description = "The next_cursor of the previous page") String cursor,
            @RestQuery("page_size") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100",
                    defaultValue = "20")) String pageSize,
            @Parameter(hidden = true) @RestHeader(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding) {
        UUID propertyId = Params.uuid("property_id", id);
        int size = Params.present(pageSize) ? Params.integer("page_size", pageSize, 1, 100) : 20;
        String position = Params.present(cursor) ? cursor.trim() : null;
        Cursors.decodeNewestFirst(position); // a malformed cursor is a 400 before any cache lookup
        return reviews.page(propertyId, size, position).map(body -> body.toResponse(acceptEncoding));
    }

    @GET
    @Path("/summary")
    @Operation(operationId = "getReviewSummary", summary = "Review count, average rating and sub-ratings, sentiment distribution")
    @APIResponse(responseCode = "200", description = "The summary; zero reviews for a listing nobody reviewed yet",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewSummary.class)))
    public Uni<Response> summary(@RestPath @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @Parameter(hidden = true) @RestHeader(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding) {
        return reviews.summary(Params.uuid("property_id", id)).map(body -> body.toResponse(acceptEncoding));
    }
}
