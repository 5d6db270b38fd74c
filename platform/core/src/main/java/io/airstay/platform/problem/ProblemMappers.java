package io.airstay.platform.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.airstay.platform.db.Constraints;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.vertx.core.http.HttpClosedException;

/** Maps every failure of a request to an RFC 9457 problem document; client mistakes are never 5xx. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response apiException(ApiException e, UriInfo uri) {
        return problem(e.status(), e.getMessage(), uri, e.errors());
    }

    @ServerExceptionMapper
    public Response restViolation(ResteasyReactiveViolationException e, UriInfo uri) {
        return constraintViolation(e, uri);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(fieldName(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort((a, b) -> a.field().compareTo(b.field()));
        return problem(400, describe(errors), uri, errors);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        return problem(400, "Malformed JSON: " + e.getOriginalMessage(), uri,
                List.of(new Problem.FieldError("body", "is not valid JSON")));
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        return mismatchedInput(e, uri);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String field = jsonPath(e);
        String message = e instanceof InvalidFormatException invalid
                ? "cannot be read as " + simpleTypeName(invalid.getTargetType()) + ": " + invalid.getValue()
                : "has the wrong type or shape (expected " + simpleTypeName(e.getTargetType()) + ")";
        return problem(400, field + ": " + message, uri, List.of(new Problem.FieldError(field, message)));
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e, UriInfo uri) {
        // A syntax error deep inside the document arrives wrapped with the path where it was noticed.
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonParseException parse) {
                return malformedJson(parse, uri);
            }
        }
        if (e instanceof MismatchedInputException mismatch) {
            return mismatchedInput(mismatch, uri);
        }
        String field = e instanceof JsonMappingException mapping ? jsonPath(mapping) : "body";
        String message = e.getOriginalMessage();
        return problem(400, field + ": " + message, uri, List.of(new Problem.FieldError(field, message)));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        // The JSON body reader reports unreadable bodies as a 400 wrapping Jackson's exception.
        if (e.getCause() instanceof JsonProcessingException processing) {
            return jsonProcessing(processing, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        String detail = status == 404 ? "No resource at this path" : e.getMessage();
        return problem(status, detail, uri, List.of());
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (Constraints.databaseUnavailable(e)) {
            // A restart or failover of the database: the client may try again in a moment.
            LOG.warnf("Database unavailable: %s", e.toString());
            Response problem = problem(503, "The database is unavailable for a moment; try again.", uri, List.of());
            return Response.fromResponse(problem).header("Retry-After", "1").build();
        }
        if (clientGone(e)) {
            LOG.debugf("The client closed the connection: %s", e.toString());
            return problem(400, "The connection closed before the request was read.", uri, List.of());
        }
        LOG.error("Unexpected failure", e);
        return problem(500, "The request could not be completed; it has been logged.", uri, List.of());
    }

    private static boolean clientGone(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpClosedException) {
                return true;
            }
        }
        return false;
    }

    public static Response problem(int status, String detail, UriInfo uri, List<Problem.FieldError> errors) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        Problem body = new Problem("about:blank", title, status, detail, uri == null ? null : uri.getPath(), errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    private static String describe(List<Problem.FieldError> errors) {
        StringBuilder detail = new StringBuilder();
        for (Problem.FieldError error : errors) {
            if (!detail.isEmpty()) {
                detail.append("; ");
            }
            detail.append(error.field()).append(": ").append(error.message());
        }
        return detail.toString();
    }

    /** {@code create.body.basePrice} becomes {@code base_price}; a violated parameter keeps its (snake-cased) name. */
    static String fieldName(Path path) {
        List<String> properties = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY) {
                properties.add(snakeCase(node.getName()));
            } else if (node.getKind() == ElementKind.CONTAINER_ELEMENT && !properties.isEmpty()) {
                // An element of a list or map: "tags[0]" or "prices[2026-01-01]".
                Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                if (position != null) {
                    int last = properties.size() - 1;
                    properties.set(last, properties.get(last) + "[" + position + "]");
                }
            }
        }
        if (!properties.isEmpty()) {
            return String.join(".", properties);
        }
        return parameter == null ? "body" : snakeCase(parameter);
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    static String snakeCase(String camel) {
        StringBuilder snake = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                snake.append('_').append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return snake.toString().toLowerCase(Locale.ROOT);
    }

    private static String simpleTypeName(Class<?> type) {
        return type == null ? "the expected type" : type.getSimpleName();
    }
}
