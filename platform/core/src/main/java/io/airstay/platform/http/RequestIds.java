package io.airstay.platform.http;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Puts the gateway's X-Request-Id into the logging context of the request, so every line the service
 * logs while serving it can be matched with the gateway's access log (the log format prints it).
 */
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";

    @ServerRequestFilter
    public void rememberRequestId(ContainerRequestContext request) {
        String id = request.getHeaderString(HEADER);
        if (id != null && !id.isBlank()) {
            MDC.put(MDC_KEY, id.length() > 128 ? id.substring(0, 128) : id);
        } else {
            MDC.remove(MDC_KEY);
        }
    }
}
