package io.airstay.availability.rest;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.airstay.availability.config.AvailabilityConfig;
import io.airstay.availability.rest.dto.AvailabilityCalendar;
import io.airstay.availability.rest.dto.AvailabilityChange;
import io.airstay.availability.service.CalendarService;
import io.airstay.availability.service.DateRange;
import io.airstay.platform.problem.Params;
import io.airstay.platform.problem.ResourceNotFoundException;
import io.airstay.platform.security.CurrentUser;
import io.airstay.platform.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/properties/{id}/availability")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "availability", description = "Listing calendars")
public class AvailabilityResource {

    /** Nights shown when the client gives no end_date. */
    static final int DEFAULT_NIGHTS = 30;

    private final CalendarService calendars;
    private final AvailabilityConfig config;
    private final CurrentUser user;

    public AvailabilityResource(CalendarService calendars, AvailabilityConfig config, CurrentUser user) {
        this.calendars = calendars;
        this.config = config;
        this.user = user;
    }

    @GET
    @Operation(operationId = "getAvailability", summary = "A listing's nights from start_date to end_date, both included")
    @APIResponse(responseCode = "200", description = "The nights, in date order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AvailabilityCalendar.class)))
    @APIResponse(responseCode = "404", description = "No listing with this id (or not known here yet: a new listing's "
            + "calendar opens shortly after it is published)")
    public Uni<Response> read(@RestPath @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @RestQuery("start_date") @Parameter(description = "Defaults to today",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) String startDate,
            @RestQuery("end_date") @Parameter(description = "Defaults to 30 nights from start_date; the range spans at most "
                    + "the configured maximum of nights", schema = @Schema(type = SchemaType.STRING, format = "date"))
            String endDate) {
        UUID propertyId = Params.uuid("property_id", id);
        LocalDate start = Params.present(startDate) ? Params.date("start_date", startDate) : LocalDate.now();
        LocalDate end = Params.present(endDate) ? Params.date("end_date", endDate) : start.plusDays(DEFAULT_NIGHTS - 1L);
        DateRange range = DateRange.of(start, end, config.maxRangeNights());
        return calendars.read(propertyId, range).map(document -> Response
                .ok(document.orElseThrow(() -> new ResourceNotFoundException("Property " + propertyId + " not found")),
                        MediaType.APPLICATION_JSON_TYPE)
                .build());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.HOST)
    @Operation(operationId = "changeAvailability", summary = "The listing's host: block or unblock nights and set their price")
    @APIResponse(responseCode = "200", description = "The changed nights",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AvailabilityCalendar.class)))
    @APIResponse(responseCode = "404", description = "No listing with this id")
    @APIResponse(responseCode = "409", description = "Some of the nights are held by a booking")
    public AvailabilityCalendar change(
            @RestPath @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    examples = @ExampleObject(name = "Christmas week", value = AvailabilityChange.EXAMPLE)))
            @NotNull @Valid AvailabilityChange body) {
        return calendars.change(Params.uuid("property_id", id), body, config.maxRangeNights(), user.id());
    }
}
