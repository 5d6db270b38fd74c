package io.airstay.booking.model;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.airstay.contracts.property.PropertyFacts;
import io.airstay.platform.projection.PropertyTerms;

/**
 * What booking keeps of a property (from property-events) to validate and price a request: the shared
 * terms plus the guest limit and the cleaning fee. The table keeps its first name: renaming it would
 * break the previous version's replicas during a rolling update.
 */
@Entity
@Table(name = "listings", schema = "silver")
public class Property extends PropertyTerms {

    @Column(name = "max_guests")
    public int maxGuests;

    @Column(name = "cleaning_fee", precision = 10, scale = 2)
    public BigDecimal cleaningFee;

    @Override
    public void apply(PropertyFacts facts) {
        super.apply(facts);
        maxGuests = facts.maxGuests();
        cleaningFee = facts.cleaningFee();
    }
}
