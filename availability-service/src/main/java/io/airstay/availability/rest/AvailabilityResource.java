package io.airstay.availability.rest;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
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
import io.smallrye.mutiny.Uni;

@Path("/api/v1/properties/{id}/availability")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "availability", description = "Listing calendars")
public class AvailabilityResource {

    /** Nights shown when the client gives no end_date. */
    static final int DEFAULT_NIGHTS = 30;

    private final CalendarService calendars;
    private final AvailabilityConfig config;

    public AvailabilityResource(CalendarService calendars, AvailabilityConfig config) {
        this.calendars = calendars;
        this.config = config;
    }

    @GET
    @Operation(summary = "Nights from start_date (default today) to end_date (default 30 nights on), both included")
    public Uni<Response> read(@RestPath String id, @RestQuery("start_date") String startDate,
            @RestQuery("end_date") String endDate) {
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
    @Operation(summary = "Host: block or unblock nights and set their price; nights held by a booking answer 409")
    public AvailabilityCalendar change(@RestPath String id, @NotNull @Valid AvailabilityChange body) {
        return calendars.change(Params.uuid("property_id", id), body, config.maxRangeNights());
    }
}
