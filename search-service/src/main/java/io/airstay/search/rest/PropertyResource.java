package io.airstay.search.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.airstay.platform.problem.Params;
import io.airstay.platform.problem.ResourceNotFoundException;
import io.airstay.platform.security.CurrentUser;
import io.airstay.platform.security.Roles;
import io.airstay.search.rest.dto.PropertyDetail;
import io.airstay.search.rest.dto.ListingStats;
import io.airstay.search.rest.dto.PropertyRequest;
import io.airstay.search.service.PropertyReader;
import io.airstay.search.service.PropertyService;
import io.airstay.search.rest.dto.StatsQuery;
import io.airstay.search.service.StatsRange;
import io.airstay.search.service.StatsReader;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/properties")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "properties", description = "Hosts publish and manage listings; guests read them")
public class PropertyResource {

    static final String ID = "property_id";
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String PATCH_EXAMPLE = """
            {"base_price": 135.00, "house_rules": "No parties", "neighborhood": null}""";
    private static final String PATCH_FIELDS = "Fields of a listing (see PropertyRequest), each optional";

    private final PropertyService service;
    private final PropertyReader reader;
    private final StatsReader stats;
    private final CurrentUser user;

    public PropertyResource(PropertyService service, PropertyReader reader, StatsReader stats, CurrentUser user) {
        this.service = service;
        this.reader = reader;
        this.stats = stats;
        this.user = user;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.HOST)
    @Operation(operationId = "publishProperty", summary = "Publish a listing, as its host (the caller)")
    @APIResponse(responseCode = "201", description = "Published; its calendar opens shortly after",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The listing's path",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PropertyDetail.class)))
    public Response create(
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    examples = @ExampleObject(name = "apartment", value = PropertyRequest.EXAMPLE)))
            @NotNull @Valid PropertyRequest body) {
        PropertyDetail created = service.create(body, user.id());
        return Response.created(URI.create("/api/v1/properties/" + created.propertyId())).entity(created).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getProperty", summary = "Listing detail, with rating, review count and booking count")
    @APIResponse(responseCode = "200", description = "The listing",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PropertyDetail.class)))
    @APIResponse(responseCode = "404", description = "No active listing with this id")
    public Uni<Response> get(@RestPath @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @Parameter(hidden = true) @RestHeader(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding) {
        UUID propertyId = Params.uuid(ID, id);
        return reader.view(propertyId).map(detail -> detail
                .orElseThrow(() -> new ResourceNotFoundException("Property " + propertyId + " not found"))
                .toResponse(acceptEncoding));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.HOST)
    @Operation(operationId = "replaceProperty", summary = "Replace one of the caller's listings")
    @APIResponse(responseCode = "200", description = "The listing as replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PropertyDetail.class)))
    @APIResponse(responseCode = "404", description = "No active listing with this id")
    public PropertyDetail replace(
            @RestPath @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    examples = @ExampleObject(name = "apartment", value = PropertyRequest.EXAMPLE)))
            @NotNull @Valid PropertyRequest body) {
        return service.replace(Params.uuid(ID, id), body, user.id());
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, MERGE_PATCH })
    @RolesAllowed(Roles.HOST)
    @Operation(operationId = "patchProperty", summary = "Change some fields of one of the caller's listings (JSON merge patch, RFC 7396)",
            description = "The fields given replace the listing's; null resets an optional field to its default. "
                    + "The result is validated as a whole listing (see publishProperty).")
    @APIResponse(responseCode = "200", description = "The listing as changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PropertyDetail.class)))
    @APIResponse(responseCode = "404", description = "No active listing with this id")
    public PropertyDetail patch(@RestPath @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @RequestBody(content = {
                    @Content(mediaType = MERGE_PATCH, schema = @Schema(type = SchemaType.OBJECT, description = PATCH_FIELDS),
                            examples = @ExampleObject(name = "price and rules", value = PATCH_EXAMPLE)),
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, description = PATCH_FIELDS),
                            examples = @ExampleObject(name = "price and rules", value = PATCH_EXAMPLE)) })
            @NotNull ObjectNode body) {
        return service.patch(Params.uuid(ID, id), body, user.id());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.HOST)
    @Operation(operationId = "deactivateProperty",
            summary = "Deactivate one of the caller's listings: hidden from search and detail, no new bookings")
    @APIResponse(responseCode = "204", description = "Deactivated")
    @APIResponse(responseCode = "404", description = "No active listing with this id")
    public Response deactivate(@RestPath @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id) {
        service.deactivate(Params.uuid(ID, id), user.id());
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/stats")
    @RolesAllowed(Roles.HOST)
    @Operation(operationId = "getPropertyStats", summary = "Monthly statistics of one of the caller's listings, from the nightly analytics run",
            description = "One entry per month from from to to (zeros for a month without data), and totals over the range. "
                    + "Deactivated listings keep their statistics.")
    @APIResponse(responseCode = "200", description = "The listing's statistics",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ListingStats.class)))
    @APIResponse(responseCode = "404", description = "No listing with this id")
    public Uni<Response> stats(@RestPath @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @BeanParam StatsQuery query,
            @Parameter(hidden = true) @RestHeader(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding) {
        UUID propertyId = Params.uuid(ID, id);
        StatsRange range = query.range();
        return stats.listing(propertyId, user.id(), range).map(body -> body.toResponse(acceptEncoding));
    }
}
