package io.airstay.booking.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/**
 * The nights this replica's own recent booking requests claimed, remembered for a few seconds, so that a storm of
 * requests for them is refused from memory, without a worker thread or a database connection. Only a hint: a claim
 * is forgotten once its booking is known to be rejected or expired, or after {@link #REMEMBERED_NANOS}, and the
 * exclusion constraint of the bookings table stays the final word on every request that gets past it.
 */
@ApplicationScoped
public class RecentClaims {

    /** Long enough to cover a storm and a healthy saga; short enough that a canceled stay is bookable again soon. */
    static final long REMEMBERED_NANOS = 5_000_000_000L;

    private record Claim(UUID bookingId, String idempotencyKey, LocalDate checkIn, LocalDate checkOut, long until) {
    }

    private final Map<UUID, List<Claim>> byProperty = new ConcurrentHashMap<>();

    /**
     * Whether a recent request of another client claimed some of these nights. A request repeating the
     * Idempotency-Key of the claim is not refused here: it gets the booking the first one made.
     */
    public boolean taken(UUID propertyId, LocalDate checkIn, LocalDate checkOut, String idempotencyKey) {
        long now = System.nanoTime();
        return byProperty.getOrDefault(propertyId, List.of()).stream().anyMatch(claim -> claim.until() - now > 0
                && claim.checkIn().isBefore(checkOut) && checkIn.isBefore(claim.checkOut())
                && (idempotencyKey == null || !idempotencyKey.equals(claim.idempotencyKey())));
    }

    public void claim(UUID propertyId, UUID bookingId, String idempotencyKey, LocalDate checkIn, LocalDate checkOut) {
        Claim claim = new Claim(bookingId, idempotencyKey, checkIn, checkOut, System.nanoTime() + REMEMBERED_NANOS);
        byProperty.compute(propertyId, (id, claims) -> {
            List<Claim> kept = current(claims);
            kept.add(claim);
            return kept;
        });
    }

    /** The booking no longer holds its nights (rejected, expired). */
    public void release(UUID propertyId, UUID bookingId) {
        byProperty.computeIfPresent(propertyId, (id, claims) -> {
            List<Claim> kept = current(claims);
            kept.removeIf(claim -> Objects.equals(claim.bookingId(), bookingId));
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
