package io.airstay.platform.cache;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The value of a versioned entry: the source's version in ASCII decimal, one tag byte, then the body.
 * <ul>
 * <li>{@code 42:<body>}: the document as of version 42, its body as {@link JsonBody} stores it;</li>
 * <li>{@code 42:}: absent as of version 42 (an empty body, as in unversioned entries);</li>
 * <li>{@code 42!}: evicted at version 42. A write of version 42 did not reach Redis, so whatever was cached before
 * is stale: readers miss, and only a store of version 42 or later fills the entry again. A plain delete would
 * let a reader that loaded before version 42 put its older document back.</li>
 * </ul>
 * One string value keeps a hit to a single {@code GET}, and the body is served as stored, from behind the header.
 * A text header lets the write script compare versions with one pattern match, and stays legible in redis-cli.
 * A value without a header carries no version: readers miss on it, and any store replaces it.
 */
final class VersionedValue {

    /**
     * Sets KEYS[1] to ARGV[1] for ARGV[2] milliseconds unless the value there carries a higher version. An equal
     * version replaces, so a retried write lands again and a load of the version that an eviction names fills it.
     * Returns 1 when set, 0 when refused.
     */
    static final String PUT = """
            local function version(value) return tonumber(string.match(value, '^(%-?%d+)[:!]')) end
            local stored = redis.call('GET', KEYS[1])
            if stored then
              local current = version(stored)
              if current and current > version(ARGV[1]) then return 0 end
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 1""";

    private static final byte DOCUMENT = ':';
    private static final byte EVICTED = '!';

    private VersionedValue() {
    }

    /** The value of a document (an empty body: absent) as of {@code version}. */
    static byte[] document(long version, byte[] body) {
        byte[] header = header(version, DOCUMENT);
        byte[] value = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, value, header.length, body.length);
        return value;
    }

    static byte[] evicted(long version) {
        return header(version, EVICTED);
    }

    /** Where the body starts in {@code value}, or -1 when the value holds nothing to serve: evicted, or no version. */
    static int bodyStart(byte[] value) {
        int i = value.length > 0 && value[0] == '-' ? 1 : 0;
        int digits = i;
        while (i < value.length && value[i] >= '0' && value[i] <= '9') {
            i++;
        }
        return i > digits && i < value.length && value[i] == DOCUMENT ? i + 1 : -1;
    }

    private static byte[] header(long version, byte tag) {
        return (Long.toString(version) + (char) tag).getBytes(StandardCharsets.US_ASCII);
    }
}
