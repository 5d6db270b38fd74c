package io.airstay.platform.openapi;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response.Status;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.airstay.platform.problem.Problem;

/**
 * Completes each service's OpenAPI document with the errors the platform answers for every operation, so that no
 * resource repeats them: the {@code Problem} schema (the body {@code ProblemMappers} and the gateway send), 400 for
 * operations that take parameters or a body (each is parsed with a 400 naming it), 413 (the gateway's body limit) for
 * operations with a body and 415 for those that require one (an optional body is read whatever type it declares), 429
 * (the gateway's rate limit), 500, and 503 (the gateway, when no replica answers).
 * The errors only some operations give (404, 409) are declared by their resources, without content: they get the
 * problem document as their content here. Registered with {@code mp.openapi.filter} in this module's
 * microprofile-config.properties.
 */
public class ProblemResponses implements OASFilter {

    static final String PROBLEM = "Problem";
    static final String FIELD_ERROR = "FieldError";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSchema(PROBLEM, problemSchema());
        components.addSchema(FIELD_ERROR, fieldErrorSchema());
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values()
                .forEach(operation -> complete(item, operation)));
    }

    private static void complete(PathItem item, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
            if (response.getKey().matches("[45]\\d\\d") && response.getValue().getContent() == null) {
                response.getValue().setContent(problemContent());
            }
        }
        boolean hasBody = operation.getRequestBody() != null;
        boolean hasParameters = hasBody || notEmpty(operation.getParameters()) || notEmpty(item.getParameters());
        if (hasParameters) {
            addIfAbsent(responses, "400", "Invalid request: `errors` names each offending field (body fields by their "
                    + "JSON names, dotted when nested; query parameters and headers by name)");
        }
        if (hasBody) {
            addIfAbsent(responses, "413", "The body is larger than the gateway accepts (256 KB)");
        }
        if (hasBody && Boolean.TRUE.equals(operation.getRequestBody().getRequired())) {
            addIfAbsent(responses, "415", "The body is not of a type this operation reads");
        }
        addIfAbsent(responses, "429", "Too many requests from this client (the gateway's rate limit); retry after "
                + "Retry-After seconds").addHeader("Retry-After", OASFactory.createHeader()
                        .description("Seconds to wait before retrying")
                        .schema(OASFactory.createSchema().addType(SchemaType.INTEGER)));
        addIfAbsent(responses, "500", "An unexpected failure; it has been logged with the request's X-Request-Id");
        addIfAbsent(responses, "503", "No replica of the service answered (the gateway); retry shortly");
    }

    /** Adds the response, or completes one that bean validation's scanning added with its bare reason phrase. */
    private static APIResponse addIfAbsent(APIResponses responses, String status, String description) {
        APIResponse existing = responses.getAPIResponse(status);
        if (existing != null) {
            Status known = Status.fromStatusCode(Integer.parseInt(status));
            if (existing.getDescription() == null || known != null && existing.getDescription().equals(known.getReasonPhrase())) {
                existing.setDescription(description);
            }
            return existing;
        }
        APIResponse response = OASFactory.createAPIResponse().description(description).content(problemContent());
        responses.addAPIResponse(status, response);
        return response;
    }

    private static boolean notEmpty(List<?> list) {
        return list != null && !list.isEmpty();
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }

    /** {@link Problem} as JSON: members without a value are left out, so only type, title and status are always there. */
    static Schema problemSchema() {
        return object("An RFC 9457 problem document")
                .addProperty("type", text("A URI naming the kind of problem; about:blank when the status says it all"))
                .addProperty("title", text("The status's reason phrase"))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .description("The HTTP status"))
                .addProperty("detail", text("What went wrong with this request, for a person"))
                .addProperty("instance", text("The path of the request"))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .description("The offending fields, when the request was invalid")
                        .items(OASFactory.createSchema().ref("#/components/schemas/" + FIELD_ERROR)))
                .addRequired("type").addRequired("title").addRequired("status");
    }

    static Schema fieldErrorSchema() {
        return object("One invalid field of a request")
                .addProperty("field", text("The field's JSON name (dotted when nested, [index] in lists), or the "
                        + "query parameter's or header's name; body for the body as a whole"))
                .addProperty("message", text("What is wrong with its value"))
                .addRequired("field").addRequired("message");
    }

    private static Schema object(String description) {
        return OASFactory.createSchema().addType(SchemaType.OBJECT).description(description);
    }

    private static Schema text(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }
}
