package io.airstay.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.airstay.openapi.OpenApiMerge.MergeException;
import io.airstay.openapi.OpenApiMerge.Source;

class OpenApiMergeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID_SCHEMA = "{\"type\": \"string\", \"format\": \"uuid\"}";

    @Test
    void pathsAreJoinedAndAComponentBothDefineIdenticallyIsKeptOnce() throws Exception {
        ObjectNode merged = OpenApiMerge.merge(OpenApiMerge.info("1"), List.of(
                source("a", "/api/v1/things/{id}", "getThing", "Thing", "{\"type\": \"object\", \"properties\": {\"id\": "
                        + "{\"$ref\": \"#/components/schemas/UUID\"}}}"),
                source("b", "/api/v1/others", "listOthers", "Other", "{\"type\": \"object\"}")));

        assertEquals(List.of("/api/v1/others", "/api/v1/things/{id}"), names(merged.get("paths")));
        assertEquals(List.of("Other", "Thing", "UUID"), names(merged.at("/components/schemas")));
        assertEquals("AirStay API", merged.at("/info/title").asText());
    }

    @Test
    void aComponentDefinedDifferentlyByTwoServicesIsAnError() throws Exception {
        Source a = source("a", "/api/v1/a", "getA", "Shared", "{\"type\": \"object\"}");
        Source b = source("b", "/api/v1/b", "getB", "Shared", "{\"type\": \"string\"}");

        MergeException e = assertThrows(MergeException.class, () -> OpenApiMerge.merge(OpenApiMerge.info("1"), List.of(a, b)));
        assertTrue(e.getMessage().startsWith("components.schemas.Shared differs between a and b"), e.getMessage());
    }

    @Test
    void aPathDocumentedByTwoServicesIsAnError() throws Exception {
        Source a = source("a", "/api/v1/same", "getA", "A", "{}");
        Source b = source("b", "/api/v1/same", "getB", "B", "{}");

        MergeException e = assertThrows(MergeException.class, () -> OpenApiMerge.merge(OpenApiMerge.info("1"), List.of(a, b)));
        assertEquals("path /api/v1/same is documented by both a and b", e.getMessage());
    }

    @Test
    void operationIdsAreUniqueOverTheServices() throws Exception {
        Source a = source("a", "/api/v1/a", "get", "A", "{}");
        Source b = source("b", "/api/v1/b", "get", "B", "{}");

        MergeException e = assertThrows(MergeException.class, () -> OpenApiMerge.merge(OpenApiMerge.info("1"), List.of(a, b)));
        assertEquals("operationId get is used by both GET /api/v1/a and GET /api/v1/b", e.getMessage());
    }

    @Test
    void pathsOutsideThePublicApiAreLeftOutWithTheComponentsOnlyTheyUse() throws Exception {
        ObjectNode document = (ObjectNode) source("a", "/api/v1/public", "getPublic", "Public", "{}").document();
        ((ObjectNode) document.get("paths")).set("/internal/v1/import", operation("importIt", "Internal"));
        ((ObjectNode) document.at("/components/schemas")).set("Internal", JSON.readTree("{\"type\": \"object\"}"));

        ObjectNode merged = OpenApiMerge.merge(OpenApiMerge.info("1"), List.of(new Source("a", document)));

        assertEquals(List.of("/api/v1/public"), names(merged.get("paths")));
        assertEquals(List.of("Public"), names(merged.at("/components/schemas")));
    }

    @Test
    void operationsAndResponsesComeInAFixedOrderAndTheYamlReadsBackAsTheDocument() throws Exception {
        ObjectNode document = (ObjectNode) source("a", "/api/v1/things", "postThing", "Thing", "{}").document();
        ObjectNode item = (ObjectNode) document.get("paths").get("/api/v1/things");
        item.set("post", item.remove("get"));
        ObjectNode responses = (ObjectNode) item.get("post").get("responses");
        responses.set("409", JSON.readTree("{\"description\": \"no\"}"));
        responses.set("201", JSON.readTree("{\"description\": \"yes\"}"));
        item.set("get", operation("getThings", "Thing").get("get"));

        ObjectNode merged = OpenApiMerge.merge(OpenApiMerge.info("1"), List.of(new Source("a", document)));

        assertEquals(List.of("get", "post"), names(merged.at("/paths/~1api~1v1~1things")));
        assertEquals(List.of("200", "201", "409"), names(merged.at("/paths/~1api~1v1~1things/post/responses")));
        String yaml = OpenApiMerge.toYaml(merged);
        assertTrue(yaml.startsWith(OpenApiMerge.HEADER));
        assertEquals(merged, OpenApiMerge.YAML.readTree(yaml));
    }

    @Test
    void whatTheMergeDoesNotKnowIsAnError() throws Exception {
        ObjectNode document = (ObjectNode) source("a", "/api/v1/a", "getA", "A", "{}").document();
        document.putArray("servers").addObject().put("url", "http://localhost:8081");

        MergeException e = assertThrows(MergeException.class,
                () -> OpenApiMerge.merge(OpenApiMerge.info("1"), List.of(new Source("a", document))));
        assertTrue(e.getMessage().startsWith("a: 'servers' is not merged"), e.getMessage());
    }

    /** A document with one GET path answering the named schema, which refers to nothing or to UUID. */
    private static Source source(String name, String path, String operationId, String schema, String schemaJson)
            throws Exception {
        ObjectNode document = JSON.createObjectNode().put("openapi", "3.1.0");
        document.putObject("info").put("title", name).put("version", "1");
        document.putObject("paths").set(path, operation(operationId, schema));
        ObjectNode schemas = document.putObject("components").putObject("schemas");
        schemas.set(schema, JSON.readTree(schemaJson));
        schemas.set("UUID", JSON.readTree(UUID_SCHEMA));
        return new Source(name, document);
    }

    private static ObjectNode operation(String operationId, String schema) throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"get": {"operationId": "%s", "responses": {"200": {"description": "ok", "content": {"application/json":
                  {"schema": {"$ref": "#/components/schemas/%s"}}}}}}}""".formatted(operationId, schema));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
