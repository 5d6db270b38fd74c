package io.airstay.availability.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What availability keeps of a listing (from property-events) to build and guard its calendar. */
@Entity
@Table(name = "listings", schema = "silver")
public class Listing {

    @Id
    @Column(name = "property_id")
    public UUID id;

    @Column(name = "base_price", precision = 10, scale = 2)
    public BigDecimal basePrice;

    @Column(name = "minimum_nights")
    public int minimumNights;

    @Column(name = "maximum_nights")
    public int maximumNights;

    @Column(name = "is_active")
    public boolean active;

    @Column(name = "horizon_end")
    public LocalDate horizonEnd;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
