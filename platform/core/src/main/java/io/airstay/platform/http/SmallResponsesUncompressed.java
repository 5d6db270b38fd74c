package io.airstay.platform.http;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Leaves bodies under 1 KB uncompressed (the seed's GZip minimum_size=1000): gzip would make them
 * larger and costs CPU per request. Vert.x has no size threshold of its own; "identity" tells it to
 * skip compression for this response.
 */
public class SmallResponsesUncompressed {

    static final int MINIMUM_COMPRESSED_SIZE = 1024;

    @ServerResponseFilter
    public void skipCompressionOfSmallBodies(ContainerResponseContext response) {
        Object entity = response.getEntity();
        int size = entity instanceof String text ? text.length() : entity instanceof byte[] bytes ? bytes.length : -1;
        if (size >= 0 && size < MINIMUM_COMPRESSED_SIZE) {
            response.getHeaders().putSingle(HttpHeaders.CONTENT_ENCODING, "identity");
        }
    }
}
