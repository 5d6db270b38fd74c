package io.airstay.booking.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What booking keeps of a listing (from property-events) to validate and price a request. */
@Entity
@Table(name = "listings", schema = "silver")
public class Listing {

    @Id
    @Column(name = "property_id")
    public UUID id;

    @Column(name = "max_guests")
    public int maxGuests;

    @Column(name = "minimum_nights")
    public int minimumNights;

    @Column(name = "maximum_nights")
    public int maximumNights;

    @Column(name = "base_price", precision = 10, scale = 2)
    public BigDecimal basePrice;

    @Column(name = "cleaning_fee", precision = 10, scale = 2)
    public BigDecimal cleaningFee;

    @Column(name = "is_active")
    public boolean active;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
