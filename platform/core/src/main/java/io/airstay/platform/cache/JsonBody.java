package io.airstay.platform.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A JSON document as the cache stores it and clients receive it: documents of 1 KB and more are
 * gzip-compressed once, when cached, and sent as stored to the clients that accept gzip (nearly all),
 * so a cache hit costs neither parsing nor compression. Smaller documents stay plain: gzip would not
 * make them smaller.
 */
public final class JsonBody {

    /** Below about a kilobyte, gzip saves too little to pay for itself (docs/decisions/0004-compressed-cache-bodies.md). */
    public static final int MINIMUM_COMPRESSED_SIZE = 1024;

    private final byte[] stored;
    /** The inflated document, kept once asked for: a body held in memory serves clients without gzip uncompressed. */
    private volatile byte[] plain;

    private JsonBody(byte[] stored) {
        this.stored = stored;
    }

    public static JsonBody of(String json) {
        byte[] plain = json.getBytes(StandardCharsets.UTF_8);
        return new JsonBody(plain.length < MINIMUM_COMPRESSED_SIZE ? plain : gzip(plain));
    }

    /** The bytes of {@link #stored()}, as read back from the cache. */
    static JsonBody fromStored(byte[] stored) {
        return new JsonBody(stored);
    }

    /** What the cache keeps: the compressed document, or the plain one when small. */
    byte[] stored() {
        return stored;
    }

    public boolean gzipped() {
        // JSON never starts with the gzip magic number (0x1f 0x8b).
        return stored.length >= 2 && stored[0] == (byte) 0x1f && stored[1] == (byte) 0x8b;
    }

    public String json() {
        return new String(plain(), StandardCharsets.UTF_8);
    }

    /** About the memory the body takes once its inflated form is kept too (JSON compresses about five to one). */
    int weight() {
        return gzipped() ? 6 * stored.length : stored.length;
    }

    /** A 200 with the document, compressed when it is stored so and the client's Accept-Encoding allows gzip. */
    public Response toResponse(String acceptEncoding) {
        Response.ResponseBuilder response = Response.ok().type(MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.VARY,
                HttpHeaders.ACCEPT_ENCODING);
        if (!gzipped()) {
            return response.entity(stored).build();
        }
        if (acceptsGzip(acceptEncoding)) {
            return response.entity(stored).header(HttpHeaders.CONTENT_ENCODING, "gzip").build();
        }
        // "identity": the server's own compression must not compress what the client refused.
        return response.entity(plain()).header(HttpHeaders.CONTENT_ENCODING, "identity").build();
    }

    private byte[] plain() {
        byte[] inflated = plain;
        if (inflated == null) {
            inflated = gzipped() ? gunzip(stored) : stored;
            plain = inflated;
        }
        return inflated;
    }

    /**
     * Whether an Accept-Encoding header value allows gzip (RFC 9110 12.5.3: "gzip", "x-gzip" or "*", unless its
     * weight is q=0). Read in place, without splitting or patterns: every cache hit asks.
     */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        int length = acceptEncoding.length();
        for (int start = 0; start < length;) {
            int end = acceptEncoding.indexOf(',', start);
            end = end < 0 ? length : end;
            int parameters = acceptEncoding.indexOf(';', start);
            parameters = parameters < 0 || parameters > end ? end : parameters;
            int nameStart = skipSpaces(acceptEncoding, start, parameters);
            int nameEnd = trimEnd(acceptEncoding, nameStart, parameters);
            if (isGzipCoding(acceptEncoding, nameStart, nameEnd)) {
                return !weighsZero(acceptEncoding, parameters, end);
            }
            start = end + 1;
        }
        return false;
    }

    private static boolean isGzipCoding(String header, int start, int end) {
        int length = end - start;
        return length == 1 && header.charAt(start) == '*'
                || length == 4 && header.regionMatches(true, start, "gzip", 0, 4)
                || length == 6 && header.regionMatches(true, start, "x-gzip", 0, 6);
    }

    /** Whether the parameters in [from, end), each after a ';', give the weight q=0 (0, 0., 0.0, 0.00 or 0.000). */
    private static boolean weighsZero(String header, int from, int end) {
        for (int at = from; at < end;) {
            int next = header.indexOf(';', at + 1);
            next = next < 0 || next > end ? end : next;
            int name = skipSpaces(header, at + 1, next);
            if (name < next && (header.charAt(name) == 'q' || header.charAt(name) == 'Q')) {
                int equals = skipSpaces(header, name + 1, next);
                if (equals < next && header.charAt(equals) == '=') {
                    int value = skipSpaces(header, equals + 1, next);
                    int valueEnd = trimEnd(header, value, next);
                    if (valueEnd == value || header.charAt(value) != '0') {
                        return false;
                    }
                    for (int i = value + 1; i < valueEnd; i++) {
                        char c = header.charAt(i);
                        if (!(c == '0' || c == '.' && i == value + 1)) {
                            return false;
                        }
                    }
                    return true;
                }
            }
            at = next;
        }
        return false;
    }

    private static int skipSpaces(String text, int from, int end) {
        while (from < end && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        return from;
    }

    private static int trimEnd(String text, int from, int end) {
        while (end > from && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(plain.length / 4 + 64);
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }

    private static byte[] gunzip(byte[] compressed) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
