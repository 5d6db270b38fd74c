package io.airstay.platform.pagination;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

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

    public static InvalidFieldException malformed() {
        return new InvalidFieldException(FIELD, "is not a cursor returned by this API");
    }
}
