package io.airstay.availability.model;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.airstay.platform.projection.PropertyTerms;

/**
 * What availability keeps of a property (from property-events) to build and guard its calendar: the
 * shared terms plus the last night the calendar reaches. The table keeps its first name: renaming it
 * would break the previous version's replicas during a rolling update.
 */
@Entity
@Table(name = "listings", schema = "silver")
public class Property extends PropertyTerms {

    @Column(name = "horizon_end")
    public LocalDate horizonEnd;
}
