package io.airstay.booking.rest;

import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;

import io.airstay.booking.config.BookingConfig;
import io.airstay.booking.rest.dto.BookingView;
import io.airstay.booking.rest.dto.StayImport;
import io.airstay.booking.service.BookingService;

/**
 * Operator-only paths: not routed by the gateway, and answered only with the operator token
 * ({@code airstay.booking.operator-token}); without a configured token they do not exist.
 */
@Path("/internal/v1/bookings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operator", description = "Operator-only: not exposed through the gateway")
public class OperatorResource {

    private final BookingService bookings;
    private final Optional<String> operatorToken;

    public OperatorResource(BookingService bookings, BookingConfig config) {
        this.bookings = bookings;
        this.operatorToken = config.operatorToken();
    }

    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "importStay", summary = "Record a past stay as COMPLETED (announced like one), keeping the "
            + "no-overlap invariant")
    @APIResponse(responseCode = "201", description = "Recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BookingView.class)))
    @APIResponse(responseCode = "404", description = "No operator token is configured, or this is not it")
    @APIResponse(responseCode = "409", description = "The stay overlaps another stay of this listing")
    public Response importStay(@RestHeader("X-Operator-Token") @Parameter(required = true) String token,
            @NotNull @Valid StayImport body) {
        if (operatorToken.isEmpty() || !operatorToken.get().equals(token)) {
            throw new NotFoundException();
        }
        return Response.status(Response.Status.CREATED).entity(bookings.importPastStay(body)).build();
    }
}
