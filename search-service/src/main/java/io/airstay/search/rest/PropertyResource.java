package io.airstay.search.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.airstay.platform.problem.Params;
import io.airstay.platform.problem.ResourceNotFoundException;
import io.airstay.search.rest.dto.PropertyDetail;
import io.airstay.search.rest.dto.PropertyRequest;
import io.airstay.search.service.ListingReader;
import io.airstay.search.service.PropertyService;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/properties")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "listings", description = "Hosts publish and manage listings; guests read them")
public class PropertyResource {

    static final String ID = "property_id";

    private final PropertyService service;
    private final ListingReader reader;

    public PropertyResource(PropertyService service, ListingReader reader) {
        this.service = service;
        this.reader = reader;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish a listing")
    public Response create(@NotNull @Valid PropertyRequest body) {
        PropertyDetail created = service.create(body);
        return Response.created(URI.create("/api/v1/properties/" + created.propertyId())).entity(created).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Listing detail, with rating, review count and booking count")
    public Uni<Response> get(@RestPath String id, @RestHeader(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding) {
        UUID propertyId = Params.uuid(ID, id);
        return reader.detail(propertyId).map(detail -> detail
                .orElseThrow(() -> new ResourceNotFoundException("Property " + propertyId + " not found"))
                .toResponse(acceptEncoding));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a listing")
    public PropertyDetail replace(@RestPath String id, @NotNull @Valid PropertyRequest body) {
        return service.replace(Params.uuid(ID, id), body);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(summary = "Change some fields of a listing (JSON merge patch)")
    public PropertyDetail patch(@RestPath String id, @NotNull ObjectNode body) {
        return service.patch(Params.uuid(ID, id), body);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Deactivate a listing: hidden from search and detail, no new bookings")
    public Response deactivate(@RestPath String id) {
        service.deactivate(Params.uuid(ID, id));
        return Response.noContent().build();
    }
}
