package io.airstay.booking.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/**
 * The nights this replica's own booking requests claimed, in flight or stored in the last few seconds, so that a
 * storm of requests for them is refused from memory, without a worker thread or a database connection. A request
 * claims its nights before it is stored, atomically per listing: of many requests racing for one night, one goes on
 * to the database and the others are refused at once. Only a hint: a claim is withdrawn when its request fails, is
 * forgotten once its booking is known to be rejected or expired, or after {@link #REMEMBERED_NANOS}; the exclusion
 * constraint of the bookings table stays the final word on every request that gets past it.
 */
@ApplicationScoped
public class RecentClaims {

    /** Long enough to cover a storm and a healthy saga; short enough that a canceled stay is bookable again soon. */
    static final long REMEMBERED_NANOS = 5_000_000_000L;

    /** Nights of one listing claimed by a request; {@code bookingId} is null while the request is being stored. */
    public record Claim(UUID propertyId, UUID bookingId, String idempotencyKey, LocalDate checkIn, LocalDate checkOut,
            long until) {

        boolean overlaps(LocalDate in, LocalDate out) {
            return checkIn.isBefore(out) && in.isBefore(checkOut);
        }
    }

    private final Map<UUID, List<Claim>> byProperty = new ConcurrentHashMap<>();

    /**
     * Claims the nights for a request about to be stored, unless a request of another client claims some of them:
     * then null. A request repeating the Idempotency-Key of a claim passes: it gets the booking the first one made.
     */
    public Claim tryClaim(UUID propertyId, String idempotencyKey, LocalDate checkIn, LocalDate checkOut) {
        Claim claim = new Claim(propertyId, null, idempotencyKey, checkIn, checkOut, System.nanoTime() + REMEMBERED_NANOS);
        boolean[] refused = { false };
        byProperty.compute(propertyId, (id, claims) -> {
            List<Claim> kept = current(claims);
            refused[0] = kept.stream().anyMatch(other -> other.overlaps(checkIn, checkOut)
                    && (idempotencyKey == null || !idempotencyKey.equals(other.idempotencyKey())));
            if (!refused[0]) {
                kept.add(claim);
            }
            return kept.isEmpty() ? null : kept;
        });
        return refused[0] ? null : claim;
    }

    /** The claimed request was stored as this booking: its claim lasts until the booking settles or it expires. */
    public void stored(Claim claim, UUID bookingId) {
        replace(claim, new Claim(claim.propertyId(), bookingId, claim.idempotencyKey(), claim.checkIn(),
                claim.checkOut(), System.nanoTime() + REMEMBERED_NANOS));
    }

    /** The claimed request failed, was refused by the database or replayed an earlier booking: nothing claims here. */
    public void withdraw(Claim claim) {
        replace(claim, null);
    }

    /** The booking no longer holds its nights (rejected, expired, canceled). */
    public void release(UUID propertyId, UUID bookingId) {
        byProperty.computeIfPresent(propertyId, (id, claims) -> {
            List<Claim> kept = current(claims);
            kept.removeIf(claim -> bookingId.equals(claim.bookingId()));
            return kept.isEmpty() ? null : kept;
        });
    }

    @Scheduled(every = "10s")
    void forgetExpired() {
        for (UUID propertyId : byProperty.keySet()) {
            byProperty.computeIfPresent(propertyId, (id, claims) -> {
                List<Claim> kept = current(claims);
                return kept.isEmpty() ? null : kept;
            });
        }
    }

    private void replace(Claim claim, Claim replacement) {
        byProperty.computeIfPresent(claim.propertyId(), (id, claims) -> {
            List<Claim> kept = current(claims);
            kept.remove(claim); // by value: equal claims are interchangeable
            if (replacement != null) {
                kept.add(replacement);
            }
            return kept.isEmpty() ? null : kept;
        });
    }

    /** The claims not yet expired, as a new list (the map's lists are never changed in place). */
    private static List<Claim> current(List<Claim> claims) {
        long now = System.nanoTime();
        List<Claim> kept = new ArrayList<>();
        if (claims != null) {
            claims.stream().filter(claim -> claim.until() - now > 0).forEach(kept::add);
        }
        return kept;
    }
}
