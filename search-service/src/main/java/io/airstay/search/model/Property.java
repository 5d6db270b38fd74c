package io.airstay.search.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.Generated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A property (a listing). The rating, review and booking figures are projections of other services' events. */
@Entity
@Table(name = "properties", schema = "silver")
public class Property {

    @Id
    @Column(name = "property_id")
    public UUID id;

    /** The database's sequential number for the property, published as {@code listing_id}. */
    @Generated
    @Column(name = "listing_id", insertable = false, updatable = false)
    public Long numericId;

    @Column(name = "host_id", nullable = false)
    public UUID hostId;

    @Column(name = "property_type", nullable = false)
    public String propertyType;

    @Column(nullable = false)
    public String title;

    public String description;

    public int bedrooms;

    @Column(precision = 3, scale = 1)
    public BigDecimal bathrooms;

    public int beds;

    @Column(name = "max_guests")
    public int maxGuests;

    @Column(name = "base_price", precision = 10, scale = 2)
    public BigDecimal basePrice;

    @Column(name = "cleaning_fee", precision = 10, scale = 2)
    public BigDecimal cleaningFee;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> amenities = new ArrayList<>();

    @Column(name = "house_rules")
    public String houseRules;

    @Column(name = "location_address")
    public String address;

    @Column(name = "location_city", nullable = false)
    public String city;

    @Column(name = "location_state")
    public String state;

    @Column(name = "location_country", nullable = false)
    public String country;

    @Column(name = "location_zipcode")
    public String zipcode;

    public String neighborhood;

    public double latitude;

    public double longitude;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "property_images")
    public List<String> images = new ArrayList<>();

    @Column(name = "instant_bookable")
    public boolean instantBookable;

    @Column(name = "minimum_nights")
    public int minimumNights;

    @Column(name = "maximum_nights")
    public int maximumNights;

    @Column(name = "cancellation_policy")
    public String cancellationPolicy;

    @Column(name = "host_is_superhost")
    public boolean hostIsSuperhost;

    @Column(name = "review_count")
    public int reviewCount;

    @Column(name = "rating_sum")
    public int ratingSum;

    @Generated
    @Column(name = "property_rating", insertable = false, updatable = false, precision = 3, scale = 2)
    public BigDecimal rating;

    @Column(name = "booking_count")
    public int bookingCount;

    @Column(name = "is_active")
    public boolean active = true;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /**
     * Advanced by every change: by Hibernate on each update of the entity, by the counter updates of
     * {@code PropertyRepository} in their SQL. The cached detail carries it, so an older one never replaces a newer.
     */
    @Version
    @Column(nullable = false)
    public long version;
}
