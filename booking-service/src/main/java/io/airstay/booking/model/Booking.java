package io.airstay.booking.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Generated;

@Entity
@Table(name = "bookings", schema = "silver")
public class Booking {

    @Id
    @Column(name = "booking_id")
    public UUID id;

    @Column(name = "property_id", nullable = false)
    public UUID propertyId;

    @Column(name = "guest_id", nullable = false)
    public UUID guestId;

    @Column(name = "check_in_date", nullable = false)
    public LocalDate checkIn;

    @Column(name = "check_out_date", nullable = false)
    public LocalDate checkOut;

    @Generated
    @Column(insertable = false, updatable = false)
    public Integer nights;

    @Column(name = "num_guests")
    public int numGuests;

    @Column(name = "base_price", precision = 10, scale = 2)
    public BigDecimal basePrice;

    @Column(name = "cleaning_fee", precision = 10, scale = 2)
    public BigDecimal cleaningFee;

    @Column(name = "service_fee", precision = 10, scale = 2)
    public BigDecimal serviceFee;

    @Column(name = "total_price", precision = 10, scale = 2)
    public BigDecimal totalPrice;

    @Enumerated(EnumType.STRING)
    @Column(name = "booking_status", nullable = false)
    public BookingStatus status;

    @Column(name = "booking_channel", nullable = false)
    public String channel = "api";

    @Column(name = "special_requests")
    public String specialRequests;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "rejection_reason")
    public String rejectionReason;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    @Column(name = "canceled_at")
    public Instant canceledAt;

    @Column(name = "cancellation_reason")
    public String cancellationReason;

    /** The user who canceled: the guest, or the listing's host. */
    @Column(name = "canceled_by")
    public UUID canceledBy;

    /** The role {@link #canceledBy} canceled in: {@code guest} or {@code host}. */
    @Column(name = "canceled_by_role")
    public String canceledByRole;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "expired_at")
    public Instant expiredAt;
}
