package io.airstay.search.rest.dto;

import java.util.Set;

/** The kinds of listing a host can publish. */
public final class PropertyTypes {

    public static final String PATTERN = "apartment|house|condo|villa|cabin|loft|townhouse|studio|cottage|bungalow|private_room|shared_room|other";
    public static final String LIST = "apartment, house, condo, villa, cabin, loft, townhouse, studio, cottage, bungalow, private_room, shared_room, other";
    public static final Set<String> ALL = Set.of(PATTERN.split("\\|"));
    /** {@link #PATTERN} matching whole values, as JSON Schema needs (its patterns are unanchored). */
    public static final String ANCHORED_PATTERN = "^(" + PATTERN + ")$";

    private PropertyTypes() {
    }
}
