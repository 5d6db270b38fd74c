package io.airstay.platform.projection;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import io.airstay.contracts.property.PropertyFacts;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.events.MalformedEventException;

/**
 * The terms of a property that a service keeps from property-events to decide about stays: its price,
 * the stay lengths it takes and whether it takes bookings at all. Each service's entity extends it with
 * the columns only that service needs, and keeps the table it was created with.
 */
@MappedSuperclass
public abstract class PropertyTerms {

    @Id
    @Column(name = "property_id")
    public UUID id;

    /** Who may change the listing's calendar, and read and cancel its bookings. */
    @Column(name = "host_id")
    public UUID hostId;

    @Column(name = "base_price", precision = 10, scale = 2)
    public BigDecimal basePrice;

    @Column(name = "minimum_nights")
    public int minimumNights;

    @Column(name = "maximum_nights")
    public int maximumNights;

    @Column(name = "is_active")
    public boolean active;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /**
     * The event's facts when they hold what every copy of the terms needs, which the payload record alone
     * does not promise: the property's id and a positive base price.
     *
     * @throws MalformedEventException otherwise
     */
    public static PropertyFacts requireTerms(EventEnvelope event, PropertyFacts facts) {
        if (event.propertyId() == null || facts.basePrice() == null || facts.basePrice().signum() <= 0) {
            throw new MalformedEventException(event.eventType() + " " + event.eventId() + " lacks the property's terms", null);
        }
        return facts;
    }

    /** Takes the terms the facts announce; an entity that keeps more of the facts takes those too. */
    public void apply(PropertyFacts facts) {
        hostId = facts.hostId();
        basePrice = facts.basePrice();
        minimumNights = facts.minimumNights();
        maximumNights = facts.maximumNights();
        active = facts.isActive();
        updatedAt = Instant.now();
    }
}
