package io.airstay.platform.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Keys are hierarchical, colon-separated, prefixed with a version to retire a whole layout at once (docs/architecture.md#caching). */
public final class CacheKeys {

    public static final String VERSION = "v1";

    private CacheKeys() {
    }

    /** {@code key("property", id)} gives {@code v1:property:<id>}. */
    public static String key(Object... parts) {
        StringBuilder key = new StringBuilder(VERSION);
        for (Object part : parts) {
            key.append(':').append(part);
        }
        return key.toString();
    }

    /** A short stable digest of a canonical parameter string, for the tail of a key. */
    public static String hash(String canonical) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
