package io.airstay.platform.security;

import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;

import io.airstay.platform.problem.ProblemMappers;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * 401 and 403 as problem documents. A rejected token's answer names the reason (expired, wrong issuer or audience,
 * bad signature, unreadable) and nothing of the key or the token's content.
 */
public class SecurityProblemMappers {

    private static final String CHALLENGE = "Bearer realm=\"airstay\"";

    @ServerExceptionMapper
    public Response noCredentials(UnauthorizedException e, UriInfo uri) {
        return unauthorized("A bearer token is required (Authorization: Bearer <token>)", uri);
    }

    @ServerExceptionMapper
    public Response rejectedToken(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized("The bearer token was rejected: " + reason(e), uri);
    }

    @ServerExceptionMapper
    public Response missingRole(ForbiddenException e, UriInfo uri) {
        return ProblemMappers.problem(403, "The token's roles do not allow this operation", uri, List.of());
    }

    private static Response unauthorized(String detail, UriInfo uri) {
        return Response.fromResponse(ProblemMappers.problem(401, detail, uri, List.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build();
    }

    static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidJwtException invalid) {
                if (invalid.hasExpired()) {
                    return "it has expired";
                }
                if (invalid.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || invalid.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
                    return "it is not meant for this audience";
                }
                if (invalid.hasErrorCode(ErrorCodes.ISSUER_INVALID) || invalid.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
                    return "its issuer is not trusted";
                }
                if (invalid.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
                    return "its signature does not verify";
                }
                if (invalid.hasErrorCode(ErrorCodes.NOT_YET_VALID) || invalid.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
                    return "it is not valid yet";
                }
            }
            if (CurrentUser.NOT_A_USER_ID.equals(cause.getMessage())) {
                return CurrentUser.NOT_A_USER_ID;
            }
        }
        return "it is malformed or cannot be verified";
    }
}
