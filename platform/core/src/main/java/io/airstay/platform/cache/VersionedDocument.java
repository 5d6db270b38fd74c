package io.airstay.platform.cache;

import java.util.Optional;

/**
 * A JSON document as of one version of its source, such as a row's version column that every change advances:
 * the cache never lets a lower version replace a higher one. Empty when the source has nothing to show at that
 * version (an unknown or deactivated listing, for instance), which is cached as "absent".
 */
public record VersionedDocument(long version, Optional<String> json) {

    public static VersionedDocument of(long version, String json) {
        return new VersionedDocument(version, Optional.of(json));
    }

    public static VersionedDocument absent(long version) {
        return new VersionedDocument(version, Optional.empty());
    }
}
