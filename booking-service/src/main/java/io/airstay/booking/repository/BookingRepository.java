package io.airstay.booking.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

import org.hibernate.Session;

import io.airstay.booking.model.Booking;
import io.airstay.booking.model.BookingStatus;
import io.airstay.platform.pagination.Cursors;

@ApplicationScoped
public class BookingRepository {

    private final EntityManager entityManager;

    public BookingRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public void persist(Booking booking) {
        entityManager.persist(booking);
        entityManager.flush();
    }

    /** Writes pending changes now, so what follows in the transaction sees them. */
    public void flush() {
        entityManager.flush();
    }

    /** NOTIFYs {@code channel} with {@code payload}; PostgreSQL delivers it to every listening replica at commit. */
    public void notifyAtCommit(String channel, String payload) {
        entityManager.createNativeQuery("SELECT pg_notify(?1, ?2)")
                .setParameter(1, channel).setParameter(2, payload).getSingleResult();
    }

    public Optional<Booking> find(UUID id) {
        return Optional.ofNullable(entityManager.find(Booking.class, id));
    }

    /** The booking, locked until the transaction ends, so the saga and a cancellation apply one after the other. */
    public Optional<Booking> findForUpdate(UUID id) {
        return Optional.ofNullable(entityManager.find(Booking.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /**
     * The bookings with these ids, locked until the transaction ends (in id order, so two sets never deadlock). One
     * array parameter, not an IN list: Hibernate translates a query again for every new length of an IN list.
     */
    public List<Booking> findAllForUpdate(Collection<UUID> ids) {
        return entityManager.unwrap(Session.class).createNativeQuery(
                "SELECT * FROM silver.bookings WHERE booking_id = ANY(:ids) ORDER BY booking_id FOR UPDATE", Booking.class)
                .setParameter("ids", ids.toArray(UUID[]::new)).getResultList();
    }

    public Optional<Booking> findByIdempotencyKey(String key) {
        return entityManager.createQuery("FROM Booking b WHERE b.idempotencyKey = :key", Booking.class)
                .setParameter("key", key).getResultStream().findFirst();
    }

    /**
     * A guest's bookings, newest first, after the keyset position (created_at, booking_id) when given;
     * {@code limit} rows at most. The guest (and status) filter is served by idx_bookings_guest_status.
     */
    public List<Booking> byGuest(UUID guestId, BookingStatus status, Cursors.NewestFirst after, int limit) {
        return newestFirst("guestId", guestId, status, after, limit);
    }

    /** A listing's bookings, newest first, paged like {@link #byGuest} (idx_bookings_property_created). */
    public List<Booking> byProperty(UUID propertyId, BookingStatus status, Cursors.NewestFirst after, int limit) {
        return newestFirst("propertyId", propertyId, status, after, limit);
    }

    private List<Booking> newestFirst(String ownerField, UUID owner, BookingStatus status, Cursors.NewestFirst after,
            int limit) {
        StringBuilder jpql = new StringBuilder("FROM Booking b WHERE b.").append(ownerField).append(" = :owner");
        if (status != null) {
            jpql.append(" AND b.status = :status");
        }
        if (after != null) {
            jpql.append(" AND (b.createdAt < :createdAt OR (b.createdAt = :createdAt AND b.id < :id))");
        }
        jpql.append(" ORDER BY b.createdAt DESC, b.id DESC");
        TypedQuery<Booking> query = entityManager.createQuery(jpql.toString(), Booking.class).setParameter("owner", owner);
        if (status != null) {
            query.setParameter("status", status);
        }
        if (after != null) {
            query.setParameter("createdAt", after.createdAt()).setParameter("id", after.id());
        }
        return query.setMaxResults(limit).getResultList();
    }

    /** Pending bookings created before {@code createdBefore}, oldest first, locked; those another transaction holds are skipped. */
    @SuppressWarnings("unchecked")
    public List<Booking> pendingSince(Instant createdBefore, int limit) {
        return entityManager.createNativeQuery("""
                SELECT * FROM silver.bookings WHERE booking_status = 'PENDING' AND created_at < ?1
                ORDER BY created_at LIMIT ?2 FOR UPDATE SKIP LOCKED""", Booking.class)
                .setParameter(1, createdBefore).setParameter(2, limit).getResultList();
    }

    /** How many bookings have been pending since before {@code createdBefore} (idx_bookings_pending_created). */
    public long countPendingSince(Instant createdBefore) {
        return ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM silver.bookings WHERE booking_status = 'PENDING' AND created_at < ?1")
                .setParameter(1, createdBefore).getSingleResult()).longValue();
    }

    /** Confirmed stays whose check-out has come, locked for completion. */
    public List<Booking> finishedStays(LocalDate today, int limit) {
        return entityManager.createQuery("""
                FROM Booking b WHERE b.status = :confirmed AND b.checkOut <= :today ORDER BY b.checkOut""", Booking.class)
                .setParameter("confirmed", BookingStatus.CONFIRMED).setParameter("today", today)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setMaxResults(limit).getResultList();
    }
}
