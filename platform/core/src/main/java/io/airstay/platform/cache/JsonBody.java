package io.airstay.platform.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
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
    private static final Pattern ZERO_QUALITY = Pattern.compile("(?i)\\s*q\\s*=\\s*0(\\.0*)?\\s*");

    private final byte[] stored;

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
        return new String(gzipped() ? gunzip(stored) : stored, StandardCharsets.UTF_8);
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
        return response.entity(gunzip(stored)).header(HttpHeaders.CONTENT_ENCODING, "identity").build();
    }

    /** Whether an Accept-Encoding header value allows gzip (RFC 9110 12.5.3: "gzip" or "*", unless q=0). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].trim();
            if (name.equalsIgnoreCase("gzip") || name.equalsIgnoreCase("x-gzip") || name.equals("*")) {
                return parts.length < 2 || !ZERO_QUALITY.matcher(parts[1]).matches();
            }
        }
        return false;
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
