package io.airstay.review.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "reviews", schema = "silver")
public class Review {

    @Id
    @Column(name = "review_id")
    public UUID id;

    @Column(name = "property_id", nullable = false)
    public UUID propertyId;

    @Column(name = "booking_id", nullable = false, unique = true)
    public UUID bookingId;

    @Column(name = "guest_id", nullable = false)
    public UUID guestId;

    public short rating;

    @Column(name = "cleanliness_rating")
    public Short cleanlinessRating;

    @Column(name = "accuracy_rating")
    public Short accuracyRating;

    @Column(name = "communication_rating")
    public Short communicationRating;

    @Column(name = "location_rating")
    public Short locationRating;

    @Column(name = "value_rating")
    public Short valueRating;

    @Column(name = "review_text")
    public String text;

    @Column(name = "review_language")
    public String language;

    @Column(name = "sentiment_score", precision = 5, scale = 4)
    public BigDecimal sentimentScore;

    @Column(name = "sentiment_label")
    public String sentimentLabel;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
}
