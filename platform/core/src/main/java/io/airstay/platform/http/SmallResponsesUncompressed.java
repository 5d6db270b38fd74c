package io.airstay.platform.http;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.airstay.platform.cache.JsonBody;

/**
 * Leaves bodies under 1 KB uncompressed ({@link JsonBody#MINIMUM_COMPRESSED_SIZE}): gzip would make them
 * larger and costs CPU per request. Vert.x has no size threshold of its own; "identity" tells it to
 * skip compression for this response. Responses that chose their encoding already (e.g. a {@link JsonBody}
 * stored compressed) are left as they are.
 */
public class SmallResponsesUncompressed {

    @ServerResponseFilter
    public void skipCompressionOfSmallBodies(ContainerResponseContext response) {
        Object entity = response.getEntity();
        int size = entity instanceof String text ? text.length() : entity instanceof byte[] bytes ? bytes.length : -1;
        if (size >= 0 && size < JsonBody.MINIMUM_COMPRESSED_SIZE && !response.getHeaders().containsKey(HttpHeaders.CONTENT_ENCODING)) {
            response.getHeaders().putSingle(HttpHeaders.CONTENT_ENCODING, "identity");
        }
    }
}
