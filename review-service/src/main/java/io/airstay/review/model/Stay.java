package io.airstay.review.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A booking as review-service knows it (from booking-events): only a COMPLETED stay can be reviewed. */
@Entity
@Table(name = "stays", schema = "silver")
public class Stay {

    public static final String COMPLETED = "COMPLETED";

    @Id
    @Column(name = "booking_id")
    public UUID bookingId;

    @Column(name = "property_id", nullable = false)
    public UUID propertyId;

    @Column(name = "guest_id", nullable = false)
    public UUID guestId;

    @Column(name = "check_in_date")
    public LocalDate checkIn;

    @Column(name = "check_out_date")
    public LocalDate checkOut;

    @Column(name = "booking_status", nullable = false)
    public String status;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
