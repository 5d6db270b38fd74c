package io.airstay.booking.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.airstay.booking.rest.dto.BookingView;
import io.airstay.booking.rest.dto.StayImport;
import io.airstay.booking.service.BookingService;
import io.airstay.platform.security.Roles;

/**
 * Operator-only paths: not routed by the gateway, and answered only to a token with the operator role, checked
 * before the body is read (a stranger learns nothing of what the body should hold).
 */
@Path("/internal/v1/bookings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operator", description = "Operator-only: not exposed through the gateway")
public class OperatorResource {

    private final BookingService bookings;

    public OperatorResource(BookingService bookings) {
        this.bookings = bookings;
    }

    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "importStay", summary = "Record a past stay as COMPLETED (announced like one), keeping the "
            + "no-overlap invariant")
    @APIResponse(responseCode = "201", description = "Recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BookingView.class)))
    @APIResponse(responseCode = "409", description = "The stay overlaps another stay of this listing")
    @RolesAllowed(Roles.OPERATOR)
    public Response importStay(@NotNull @Valid StayImport body) {
        return Response.status(Response.Status.CREATED).entity(bookings.importPastStay(body)).build();
    }
}
