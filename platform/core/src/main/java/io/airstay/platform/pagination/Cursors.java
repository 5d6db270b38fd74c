package io.airstay.platform.pagination;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.airstay.platform.problem.InvalidFieldException;

/**
 * Opaque keyset cursors: the sort key values of the last row of a page, joined and base64url-encoded.
 * Clients must not build them; anything that does not decode is a 400 naming {@code cursor}.
 */
public final class Cursors {

    public static final String FIELD = "cursor";
    private static final char SEPARATOR = '\u001f';

    private Cursors() {
    }

    public static String encode(String... values) {
        String joined = String.join(String.valueOf(SEPARATOR), values);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    /** The values of a cursor made by {@link #encode} with {@code expectedValues} values. */
    public static List<String> decode(String cursor, int expectedValues) {
        String joined;
        try {
            joined = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        List<String> values = List.of(joined.split(String.valueOf(SEPARATOR), -1));
        if (values.size() != expectedValues) {
            throw malformed();
        }
        return values;
    }

    /** Position in a newest-first list ordered by (created_at, id), both descending. */
    public record NewestFirst(Instant createdAt, UUID id) {
    }

    public static String newestFirst(Instant createdAt, UUID id) {
        return encode(createdAt.toString(), id.toString());
    }

    /** The position a {@link #newestFirst(Instant, UUID)} cursor names; null for no cursor. */
    public static NewestFirst decodeNewestFirst(String cursor) {
        if (cursor == null) {
            return null;
        }
        List<String> values = decode(cursor, 2);
        try {
            return new NewestFirst(Instant.parse(values.get(0)), UUID.fromString(values.get(1)));
        } catch (RuntimeException e) {
            throw malformed();
        }
    }

    public static InvalidFieldException malformed() {
        return new InvalidFieldException(FIELD, "is not a cursor returned by this API");
    }
}
