package io.airstay.booking.rest;

import java.net.URI;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.airstay.booking.config.BookingConfig;
import io.airstay.booking.model.BookingStatus;
import io.airstay.booking.rest.dto.BookingRequest;
import io.airstay.booking.rest.dto.BookingView;
import io.airstay.booking.rest.dto.CancelRequest;
import io.airstay.booking.service.BookingOutcomes;
import io.airstay.booking.service.BookingService;
import io.airstay.platform.pagination.Page;
import io.airstay.platform.problem.ConflictException;
import io.airstay.platform.problem.InvalidFieldException;
import io.airstay.platform.problem.Params;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

@Path("/api/v1/bookings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "bookings", description = "Guests book, read and cancel stays")
public class BookingResource {

    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;
    private static final Set<String> STATUSES = Set.of("pending", "confirmed", "rejected", "canceled", "completed");

    private final BookingService bookings;
    private final BookingOutcomes outcomes;
    private final BookingConfig config;
    private final ObjectMapper json;

    public BookingResource(BookingService bookings, BookingOutcomes outcomes, BookingConfig config, ObjectMapper json) {
        this.bookings = bookings;
        this.outcomes = outcomes;
        this.config = config;
        this.json = json;
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Book a stay: 201 confirmed, 409 nights unavailable, 202 still pending after ~2 s (follow Location)")
    public Uni<Response> create(@RestHeader("Idempotency-Key") String idempotencyKey, @NotNull @Valid BookingRequest body) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
            throw new InvalidFieldException("Idempotency-Key", "must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        BookingService.Requested requested = bookings.request(body, idempotencyKey);
        UUID id = requested.booking().bookingId();
        if (requested.replayed()) {
            return Uni.createFrom().item(respond(requested.booking()));
        }
        // The worker thread is released here; the wait holds no thread.
        return outcomes.await(id, config.sagaWait())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(settled -> respond(bookings.find(id)));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A booking")
    public BookingView get(@RestPath String id) {
        return bookings.find(Params.uuid("booking_id", id));
    }

    @GET
    @Operation(summary = "A guest's bookings, newest first; follow next_cursor for the next page")
    public Page<BookingView> list(@RestQuery("guest_id") String guestId, @RestQuery String status,
            @RestQuery String cursor, @RestQuery("page_size") String pageSize) {
        UUID guest = Params.uuid("guest_id", guestId);
        if (guest == null) {
            throw new InvalidFieldException("guest_id", "is required");
        }
        String statusName = Params.oneOf("status", status, STATUSES);
        int size = Params.present(pageSize) ? Params.integer("page_size", pageSize, 1, 100) : 20;
        return bookings.list(guest, statusName == null ? null : BookingStatus.valueOf(statusName.toUpperCase()),
                Params.present(cursor) ? cursor.trim() : null, size);
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Cancel a pending or confirmed stay that has not started; its nights are released. "
            + "Body optional: {\"reason\": \"...\"}")
    public BookingView cancel(@RestPath String id, String body) throws JsonProcessingException {
        UUID bookingId = Params.uuid("booking_id", id);
        CancelRequest request = body == null || body.isBlank() ? new CancelRequest(null) : json.readValue(body, CancelRequest.class);
        return bookings.cancel(bookingId, Params.text("reason", request.reason(), CancelRequest.MAX_REASON_LENGTH));
    }

    private static Response respond(BookingView booking) {
        URI location = URI.create("/api/v1/bookings/" + booking.bookingId());
        return switch (BookingStatus.valueOf(booking.bookingStatus())) {
            case CONFIRMED -> Response.created(location).entity(booking).build();
            case PENDING -> Response.accepted(booking).location(location).build();
            case REJECTED -> throw new ConflictException("The requested nights are not available ("
                    + booking.rejectionReason() + "); booking " + booking.bookingId() + " was rejected");
            default -> Response.ok(booking).location(location).build();
        };
    }
}
