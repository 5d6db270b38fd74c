package io.airstay.contracts.property;

/**
 * property-events, produced by search-service (the owner of properties), keyed by property id. Every type
 * carries {@link PropertyFacts}, the property's state after the change; consumers keep their own copies of it.
 */
public final class PropertyTopic {

    public static final String NAME = "property-events";

    public static final String CREATED = "property.created";
    public static final String UPDATED = "property.updated";
    public static final String DEACTIVATED = "property.deactivated";

    private PropertyTopic() {
    }
}
