package io.airstay.booking.rest;

import java.net.URI;
import java.util.Set;
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
import org.jboss.resteasy.reactive.RestQuery;

import io.airstay.booking.config.BookingConfig;
import io.airstay.booking.model.BookingStatus;
import io.airstay.booking.rest.dto.BookingRequest;
import io.airstay.booking.rest.dto.BookingView;
import io.airstay.booking.rest.dto.CancelRequest;
import io.airstay.booking.service.BookingOutcomes;
import io.airstay.booking.service.BookingService;
import io.airstay.booking.service.RecentClaims;
import io.airstay.platform.pagination.Page;
import io.airstay.platform.problem.ConflictException;
import io.airstay.platform.problem.InvalidFieldException;
import io.airstay.platform.problem.Params;
import io.airstay.platform.security.CurrentUser;
import io.airstay.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

@Path("/api/v1/bookings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "bookings", description = "Guests book, read and cancel stays; hosts read and cancel their listings' bookings")
public class BookingResource {

    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;
    private static final Set<String> STATUSES = Set.of("pending", "confirmed", "rejected", "canceled", "completed", "expired");

    private final BookingService bookings;
    private final BookingOutcomes outcomes;
    private final BookingConfig config;
    private final CurrentUser user;

    public BookingResource(BookingService bookings, BookingOutcomes outcomes, BookingConfig config, CurrentUser user) {
        this.bookings = bookings;
        this.outcomes = outcomes;
        this.config = config;
        this.user = user;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.GUEST)
    @Operation(operationId = "createBooking", summary = "Book a stay",
            description = "The caller (a guest) books for themselves: guest_id may be left out, and naming another user "
                    + "is refused with 403. Answers once the nights are held or refused, or after about 2 s with the booking still "
                    + "pending (202: follow Location until booking_status is no longer PENDING).")
    @APIResponse(responseCode = "201", description = "Confirmed", headers = @Header(name = HttpHeaders.LOCATION,
            description = "The booking's path", schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BookingView.class)))
    @APIResponse(responseCode = "202", description = "Still pending: its outcome is not known yet",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The booking's path",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BookingView.class)))
    @APIResponse(responseCode = "200",
            description = "A repeated Idempotency-Key: the booking it made, since canceled, completed or expired",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The booking's path",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BookingView.class)))
    @APIResponse(responseCode = "409", description = "The nights are not available: another booking holds some of them "
            + "(refused at once, no booking is created) or availability refused them (the booking was rejected); or the "
            + "Idempotency-Key was used for a different request")
    public Uni<Response> create(@RestHeader("Idempotency-Key") @Parameter(description = "Makes retrying safe: a request "
            + "repeated with the same key answers the booking the first one made", schema = @Schema(type = SchemaType.STRING,
                    minLength = 1, maxLength = MAX_IDEMPOTENCY_KEY_LENGTH)) String idempotencyKey,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    examples = @ExampleObject(name = "two guests, three nights", value = BookingRequest.EXAMPLE)))
            @NotNull @Valid BookingRequest body) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
            throw new InvalidFieldException("Idempotency-Key", "must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        BookingRequest request = body.forGuest(user.id());
        // On the event loop: a storm's requests for nights another request claims are refused here, without a worker.
        RecentClaims.Claim claim = bookings.claimNights(request, idempotencyKey);
        return Uni.createFrom().item(() -> bookings.request(request, idempotencyKey, claim))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(requested -> {
                    if (requested.replayed()) {
                        return Uni.createFrom().item(respond(requested.booking()));
                    }
                    // The worker thread is released here; the wait holds no thread.
                    UUID id = requested.booking().bookingId();
                    return outcomes.await(id, config.sagaWait())
                            .emitOn(Infrastructure.getDefaultWorkerPool())
                            .map(settled -> respond(bookings.settled(id)));
                });
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.GUEST, Roles.HOST, Roles.OPERATOR })
    @Operation(operationId = "getBooking", summary = "A booking, for its guest, the host of its listing, or an operator (support)")
    @APIResponse(responseCode = "200", description = "The booking",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BookingView.class)))
    @APIResponse(responseCode = "404", description = "No booking with this id")
    public BookingView get(@RestPath @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id) {
        return bookings.read(Params.uuid("booking_id", id), user);
    }

    @GET
    @RolesAllowed({ Roles.GUEST, Roles.HOST, Roles.OPERATOR })
    @Operation(operationId = "listBookings", summary = "The caller's bookings, or with property_id the bookings of one of the "
            + "caller's listings; newest first, follow next_cursor for the next page")
    @APIResponse(responseCode = "200", description = "A page of bookings")
    public Page<BookingView> list(
            @RestQuery("guest_id") @Parameter(description = "Optional: the caller's own id; another user's is refused "
                    + "with 403", schema = @Schema(type = SchemaType.STRING, format = "uuid")) String guestId,
            @RestQuery("property_id") @Parameter(description = "A listing of the caller's (as its host; an operator may name "
                    + "any): lists the listing's bookings instead of the caller's own; another host's listing is refused "
                    + "with 403", schema = @Schema(type = SchemaType.STRING, format = "uuid")) String propertyId,
            @RestQuery @Parameter(schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "pending", "confirmed", "rejected", "canceled", "completed", "expired" })) String status,
            @RestQuery @Parameter(description = "The next_cursor of the previous page") String cursor,
            @RestQuery("page_size") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100",
                    defaultValue = "20")) String pageSize) {
        UUID named = Params.uuid("guest_id", guestId);
        if (named != null) {
            user.requireOwner(named, "guest_id names another user: a guest lists their own bookings");
        }
        UUID listing = Params.uuid("property_id", propertyId);
        if (named != null && listing != null) {
            throw new InvalidFieldException("property_id", "give guest_id or property_id, not both");
        }
        String statusName = Params.oneOf("status", status, STATUSES);
        BookingStatus wanted = statusName == null ? null : BookingStatus.valueOf(statusName.toUpperCase());
        int size = Params.present(pageSize) ? Params.integer("page_size", pageSize, 1, 100) : 20;
        String after = Params.present(cursor) ? cursor.trim() : null;
        return listing == null
                ? bookings.list(user.id(), wanted, after, size)
                : bookings.listOfListing(listing, user, wanted, after, size);
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.GUEST, Roles.HOST })
    @Operation(operationId = "cancelBooking", summary = "Cancel a pending or confirmed stay that has not started, as its guest "
            + "or as the host of its listing",
            description = "Its nights are released; the booking records who canceled (canceled_by, canceled_by_role). "
                    + "The body, with a reason, is optional.")
    @APIResponse(responseCode = "200", description = "Canceled",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BookingView.class)))
    @APIResponse(responseCode = "404", description = "No booking with this id")
    @APIResponse(responseCode = "409", description = "The booking is rejected, canceled or completed, or its stay has started")
    public BookingView cancel(@RestPath @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    examples = @ExampleObject(name = "with a reason", value = CancelRequest.EXAMPLE))) CancelRequest body) {
        UUID bookingId = Params.uuid("booking_id", id);
        String reason = body == null ? null : body.reason();
        return bookings.cancel(bookingId, user, Params.text("reason", reason, CancelRequest.MAX_REASON_LENGTH));
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
