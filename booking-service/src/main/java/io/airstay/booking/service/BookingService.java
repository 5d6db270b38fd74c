package io.airstay.booking.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import io.airstay.booking.config.BookingConfig;
import io.airstay.booking.mapping.BookingMapper;
import io.airstay.booking.model.Booking;
import io.airstay.booking.model.BookingStatus;
import io.airstay.booking.model.Property;
import io.airstay.booking.repository.BookingRepository;
import io.airstay.booking.repository.PropertyRepository;
import io.airstay.booking.rest.dto.BookingRequest;
import io.airstay.booking.rest.dto.BookingView;
import io.airstay.booking.rest.dto.StayImport;
import io.airstay.contracts.booking.BookingTopic;
import io.airstay.platform.db.Constraints;
import io.airstay.platform.pagination.Cursors;
import io.airstay.platform.pagination.Page;
import io.airstay.platform.problem.AccessDeniedException;
import io.airstay.platform.problem.ConflictException;
import io.airstay.platform.problem.InvalidFieldException;
import io.airstay.platform.problem.ResourceNotFoundException;
import io.airstay.platform.security.CurrentUser;
import io.airstay.platform.security.Roles;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

/** Guests' bookings: requests (the saga's first step), reads and cancellations by the guest or the listing's host. */
@ApplicationScoped
public class BookingService {

    private static final String IDEMPOTENCY_KEY_CONSTRAINT = "bookings_idempotency_key_key";
    private static final String NO_OVERLAPPING_STAYS = "bookings_no_overlapping_stays";

    private final BookingRepository bookings;
    private final PropertyRepository properties;
    private final BookingEvents events;
    private final BookingOutcomes outcomes;
    private final RecentClaims claims;
    private final BigDecimal serviceFeeRate;
    private final MeterRegistry registry;
    private final Timer storeTime;

    public BookingService(BookingRepository bookings, PropertyRepository properties, BookingEvents events,
            BookingOutcomes outcomes, RecentClaims claims, BookingConfig config, MeterRegistry registry) {
        this.bookings = bookings;
        this.properties = properties;
        this.events = events;
        this.outcomes = outcomes;
        this.claims = claims;
        this.serviceFeeRate = config.serviceFeeRate();
        this.registry = registry;
        this.storeTime = Timer.builder("airstay.booking.stored")
                .description("The saga's first step: a booking request validated, stored as PENDING and committed")
                .publishPercentileHistogram().register(registry);
    }

    /** A new or replayed request: {@code replayed} when the Idempotency-Key names an earlier booking. */
    public record Requested(BookingView booking, boolean replayed) {
    }

    /**
     * Claims the request's nights in this replica's memory, or refuses the request if another request claims some of
     * them (a storm on one listing): no thread blocks and no connection is taken. A claimed request goes on to
     * {@link #request}, which keeps or withdraws the claim.
     */
    public RecentClaims.Claim claimNights(BookingRequest request, String idempotencyKey) {
        RecentClaims.Claim claim = claims.tryClaim(request.propertyId(), idempotencyKey, request.checkInDate(),
                request.checkOutDate());
        if (claim == null) {
            registry.counter("airstay.booking.outcomes", "status", "REFUSED").increment();
            throw nightsTaken();
        }
        return claim;
    }

    /**
     * Stores the request as PENDING and announces booking.requested; with an Idempotency-Key seen before,
     * returns that booking instead and creates nothing (also when two retries race). Nights that a pending,
     * confirmed or completed booking of the listing already claims are refused at once with a conflict, and
     * nothing is stored: the table's exclusion constraint decides, however many requests race. The claim
     * ({@link #claimNights}) stays with the stored booking, and is withdrawn otherwise.
     */
    public Requested request(BookingRequest request, String idempotencyKey, RecentClaims.Claim claim) {
        Timer.Sample sample = Timer.start(registry);
        boolean claimKept = false;
        try {
            Requested requested = store(request, idempotencyKey);
            sample.stop(storeTime);
            if (!requested.replayed()) {
                claims.stored(claim, requested.booking().bookingId());
                claimKept = true;
            }
            return requested;
        } catch (PersistenceException e) {
            if (idempotencyKey != null && Constraints.violated(e, IDEMPOTENCY_KEY_CONSTRAINT)) {
                return replay(request, idempotencyKey);
            }
            if (Constraints.violated(e, NO_OVERLAPPING_STAYS)) {
                registry.counter("airstay.booking.outcomes", "status", "REFUSED").increment();
                throw nightsTaken();
            }
            throw e;
        } finally {
            if (!claimKept) {
                claims.withdraw(claim);
            }
        }
    }

    /** Bounded, so a request never waits long on a lock or the pool: its answer comes within the documented time. */
    @Transactional
    @TransactionConfiguration(timeout = 5)
    Requested store(BookingRequest request, String idempotencyKey) {
        if (idempotencyKey != null) {
            Booking earlier = bookings.findByIdempotencyKey(idempotencyKey).orElse(null);
            if (earlier != null) {
                return new Requested(sameRequestOrConflict(earlier, request), true);
            }
        }
        Property property = validate(request);
        Booking booking = new Booking();
        booking.id = UUID.randomUUID();
        booking.propertyId = request.propertyId();
        booking.guestId = request.guestId();
        booking.checkIn = request.checkInDate();
        booking.checkOut = request.checkOutDate();
        booking.numGuests = request.numGuests();
        booking.specialRequests = request.specialRequests();
        booking.idempotencyKey = idempotencyKey;
        booking.cleaningFee = property.cleaningFee;
        booking.status = BookingStatus.PENDING;
        booking.createdAt = Instant.now();
        bookings.persist(booking);
        outcomes.expect(booking.id);
        events.publish(BookingTopic.REQUESTED, booking, null, null);
        return new Requested(BookingMapper.toView(booking), false);
    }

    @Transactional
    Requested replay(BookingRequest request, String idempotencyKey) {
        Booking earlier = bookings.findByIdempotencyKey(idempotencyKey).orElseThrow();
        return new Requested(sameRequestOrConflict(earlier, request), true);
    }

    @Transactional
    public BookingView find(UUID id) {
        return bookings.find(id).map(BookingMapper::toView)
                .orElseThrow(() -> new ResourceNotFoundException("Booking " + id + " not found"));
    }

    /**
     * The booking, for its guest, the host of its listing, or an operator (support); anyone else is refused with 403:
     * booking ids are random UUIDs, so the refusal reveals no booking a caller could not already name.
     */
    @Transactional
    public BookingView read(UUID id, CurrentUser caller) {
        Booking booking = bookings.find(id).orElseThrow(() -> new ResourceNotFoundException("Booking " + id + " not found"));
        if (!caller.hasRole(Roles.OPERATOR)) {
            partyOf(booking, caller);
        }
        return BookingMapper.toView(booking);
    }

    /** The booking once its request's wait ended; a rejected or expired one no longer claims its nights here. */
    public BookingView settled(UUID id) {
        BookingView booking = find(id);
        if (booking.bookingStatus().equals(BookingStatus.REJECTED.name()) || booking.bookingStatus().equals(BookingStatus.EXPIRED.name())) {
            claims.release(booking.propertyId(), id);
        }
        return booking;
    }

    /** A guest's bookings, newest first, one keyset page at a time. */
    @Transactional
    public Page<BookingView> list(UUID guestId, BookingStatus status, String cursor, int pageSize) {
        return page(bookings.byGuest(guestId, status, Cursors.decodeNewestFirst(cursor), pageSize + 1), pageSize);
    }

    /** A listing's bookings, newest first, for the listing's host or an operator; anyone else is refused. */
    @Transactional
    public Page<BookingView> listOfListing(UUID propertyId, CurrentUser caller, BookingStatus status, String cursor,
            int pageSize) {
        Property property = properties.find(propertyId)
                .orElseThrow(() -> new InvalidFieldException("property_id", "no listing with this id"));
        if (!caller.hasRole(Roles.OPERATOR) && !isHost(property, caller)) {
            throw new AccessDeniedException("property_id names another host's listing: a host lists their own listings' bookings");
        }
        return page(bookings.byProperty(propertyId, status, Cursors.decodeNewestFirst(cursor), pageSize + 1), pageSize);
    }

    /**
     * Cancels a pending or confirmed stay that has not started, for its guest or the host of its listing, and records
     * who canceled; booking.canceled releases its nights. Anyone else is refused, whatever the booking's state.
     */
    @Transactional
    public BookingView cancel(UUID id, CurrentUser caller, String reason) {
        Booking booking = bookings.findForUpdate(id)
                .orElseThrow(() -> new ResourceNotFoundException("Booking " + id + " not found"));
        String party = partyOf(booking, caller);
        if (booking.status != BookingStatus.PENDING && booking.status != BookingStatus.CONFIRMED) {
            throw new ConflictException("A " + booking.status + " booking cannot be canceled");
        }
        if (!booking.checkIn.isAfter(LocalDate.now())) {
            throw new ConflictException("The stay has started (check-in " + booking.checkIn + "); it can no longer be canceled");
        }
        BookingStatus previous = booking.status;
        booking.status = BookingStatus.CANCELED;
        booking.canceledAt = Instant.now();
        booking.canceledBy = caller.id();
        booking.canceledByRole = party;
        booking.cancellationReason = reason == null || reason.isBlank() ? "canceled by " + party : reason.trim();
        bookings.flush();
        events.publish(BookingTopic.CANCELED, booking, previous.name(), booking.cancellationReason);
        outcomes.announceSettled(booking.id);
        claims.release(booking.propertyId, booking.id);
        return BookingMapper.toView(booking);
    }

    /**
     * Records a stay that already happened as COMPLETED, priced at the listing's base price, and announces
     * it as booking.confirmed then booking.completed, like a stay that went through the saga. It was booked and
     * confirmed at the given moment (by the start of its check-in day, UTC), else now. The
     * exclusion constraint refuses one that overlaps a stay of the same property.
     */
    @Transactional
    public BookingView importPastStay(StayImport stay) {
        Property property = properties.find(stay.propertyId())
                .orElseThrow(() -> new InvalidFieldException("property_id", "no listing with this id"));
        if (!stay.checkOutDate().isAfter(stay.checkInDate())) {
            throw new InvalidFieldException("check_out_date", "must be after check_in_date");
        }
        if (stay.checkOutDate().isAfter(LocalDate.now())) {
            throw new InvalidFieldException("check_out_date", "an imported stay must have ended");
        }
        Instant now = Instant.now();
        Instant checkInStart = stay.checkInDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        if (stay.bookedAt() != null && stay.bookedAt().isAfter(checkInStart)) {
            throw new InvalidFieldException("booked_at", "must be at or before the start of check_in_date (UTC)");
        }
        Instant bookedAt = stay.bookedAt() == null ? now : stay.bookedAt();
        Booking booking = new Booking();
        booking.id = UUID.randomUUID();
        booking.propertyId = stay.propertyId();
        booking.guestId = stay.guestId();
        booking.checkIn = stay.checkInDate();
        booking.checkOut = stay.checkOutDate();
        booking.numGuests = stay.numGuests();
        booking.channel = "import";
        booking.cleaningFee = property.cleaningFee;
        BookingPricing.price(booking,
                property.basePrice.multiply(BigDecimal.valueOf(ChronoUnit.DAYS.between(booking.checkIn, booking.checkOut))),
                serviceFeeRate);
        booking.status = BookingStatus.COMPLETED;
        booking.createdAt = bookedAt;
        booking.confirmedAt = bookedAt;
        booking.completedAt = now;
        try {
            bookings.persist(booking);
        } catch (PersistenceException e) {
            if (Constraints.violated(e, NO_OVERLAPPING_STAYS)) {
                throw new ConflictException("The stay overlaps another stay of this listing");
            }
            throw e;
        }
        events.publish(BookingTopic.CONFIRMED, booking, BookingStatus.PENDING.name(), null);
        events.publish(BookingTopic.COMPLETED, booking, BookingStatus.CONFIRMED.name(), null);
        return BookingMapper.toView(booking);
    }

    private static Page<BookingView> page(List<Booking> rows, int pageSize) {
        return Page.of(rows.stream().map(BookingMapper::toView).toList(), pageSize, null,
                last -> Cursors.newestFirst(last.createdAt(), last.bookingId()));
    }

    /** The caller's part in the booking, {@link Roles#GUEST} or {@link Roles#HOST}; anyone else is refused with 403. */
    private String partyOf(Booking booking, CurrentUser caller) {
        if (caller.hasRole(Roles.GUEST) && booking.guestId.equals(caller.id())) {
            return Roles.GUEST;
        }
        if (properties.find(booking.propertyId).filter(property -> isHost(property, caller)).isPresent()) {
            return Roles.HOST;
        }
        throw new AccessDeniedException("Booking " + booking.id + " belongs to another user");
    }

    private static boolean isHost(Property property, CurrentUser caller) {
        return caller.hasRole(Roles.HOST) && caller.id().equals(property.hostId);
    }

    private static ConflictException nightsTaken() {
        return new ConflictException("The requested nights are not available (TAKEN): another booking holds some of them");
    }

    private Property validate(BookingRequest request) {
        Property property = properties.find(request.propertyId()).filter(found -> found.active)
                .orElseThrow(() -> new InvalidFieldException("property_id", "no active listing with this id"));
        LocalDate checkIn = request.checkInDate();
        LocalDate checkOut = request.checkOutDate();
        if (checkIn.isBefore(LocalDate.now())) {
            throw new InvalidFieldException("check_in_date", "must not be in the past");
        }
        if (!checkOut.isAfter(checkIn)) {
            throw new InvalidFieldException("check_out_date", "must be after check_in_date");
        }
        long nights = ChronoUnit.DAYS.between(checkIn, checkOut);
        if (nights < property.minimumNights || nights > property.maximumNights) {
            throw new InvalidFieldException("check_out_date",
                    "stays at this listing are " + property.minimumNights + " to " + property.maximumNights + " nights");
        }
        if (request.numGuests() > property.maxGuests) {
            throw new InvalidFieldException("num_guests", "this listing hosts at most " + property.maxGuests + " guests");
        }
        return property;
    }

    private static BookingView sameRequestOrConflict(Booking earlier, BookingRequest request) {
        boolean same = earlier.propertyId.equals(request.propertyId()) && earlier.guestId.equals(request.guestId())
                && earlier.checkIn.equals(request.checkInDate()) && earlier.checkOut.equals(request.checkOutDate())
                && earlier.numGuests == request.numGuests()
                && Objects.equals(earlier.specialRequests, request.specialRequests());
        if (!same) {
            throw new ConflictException("This Idempotency-Key was used for a different booking request");
        }
        return BookingMapper.toView(earlier);
    }
}
