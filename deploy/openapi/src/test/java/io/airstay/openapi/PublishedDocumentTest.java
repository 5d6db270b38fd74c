package io.airstay.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * docs/openapi.yaml, the document the gateway serves, is the merge of the services' documents as this build wrote
 * them (target/openapi.yaml), and it says what the wire carries: snake_case names, a schema for every answer,
 * problem documents for every error, examples of every request body.
 */
class PublishedDocumentTest {

    static final Path ROOT = Path.of(System.getProperty("airstay.root", "../..")).toAbsolutePath().normalize();
    static final Path COMMITTED = ROOT.resolve("docs/openapi.yaml");
    static final Path MERGED = Path.of(System.getProperty("airstay.openapi.merged", "target/openapi.yaml"));
    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final String PROBLEM = "#/components/schemas/Problem";

    private static JsonNode document;

    @BeforeAll
    static void read() throws IOException {
        document = OpenApiMerge.YAML.readTree(Files.readString(MERGED));
    }

    @Test
    void theCommittedDocumentIsTheMergeOfTheServicesDocuments() throws IOException {
        List<String> fresh = Files.readAllLines(MERGED);
        List<String> committed = Files.isRegularFile(COMMITTED) ? Files.readAllLines(COMMITTED) : List.of();
        int line = 0;
        while (line < fresh.size() && line < committed.size() && fresh.get(line).equals(committed.get(line))) {
            line++;
        }
        if (line < fresh.size() || line < committed.size()) {
            fail("""
                    docs/openapi.yaml is not the merge of the services' current OpenAPI documents (line %d: "%s", \
                    merged: "%s"). Update it:
                      ./mvnw -pl deploy/openapi -am package -DskipTests && cp deploy/openapi/target/openapi.yaml docs/openapi.yaml
                    """.formatted(line + 1, line < committed.size() ? committed.get(line) : "(end of file)",
                    line < fresh.size() ? fresh.get(line) : "(end of file)"));
        }
    }

    @Test
    void everyPropertyAndQueryParameterIsNamedInSnakeCase() {
        List<String> wrong = new ArrayList<>();
        document.at("/components/schemas").fields().forEachRemaining(schema -> schema.getValue().path("properties")
                .fieldNames().forEachRemaining(name -> {
                    if (!SNAKE_CASE.matcher(name).matches()) {
                        wrong.add(schema.getKey() + "." + name);
                    }
                }));
        forEachOperation((where, operation) -> operation.path("parameters").forEach(parameter -> {
            if (!parameter.path("in").asText().equals("header") && !SNAKE_CASE.matcher(parameter.path("name").asText()).matches()) {
                wrong.add(where + " " + parameter.path("name").asText());
            }
        }));
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyAnswerHasASchemaAndEveryErrorIsAProblemDocument() {
        List<String> wrong = new ArrayList<>();
        forEachOperation((where, operation) -> operation.path("responses").fields().forEachRemaining(response -> {
            String status = response.getKey();
            JsonNode content = response.getValue().path("content");
            if (status.startsWith("2") && !status.equals("204") && content.path("application/json").path("schema").isMissingNode()) {
                wrong.add(where + " " + status + " has no application/json schema");
            }
            if ((status.startsWith("4") || status.startsWith("5"))
                    && !PROBLEM.equals(content.path("application/problem+json").path("schema").path("$ref").asText())) {
                wrong.add(where + " " + status + " is not a problem document");
            }
        }));
        assertEquals(List.of(), wrong);
    }

    @Test
    void theCommonErrorsAreThere() {
        List<String> wrong = new ArrayList<>();
        forEachOperation((where, operation) -> {
            JsonNode responses = operation.path("responses");
            for (String status : List.of("400", "429", "500", "503")) {
                if (!responses.has(status)) {
                    wrong.add(where + " lacks " + status);
                }
            }
            if (operation.has("requestBody") && !responses.has("413")) {
                wrong.add(where + " lacks 413");
            }
            if (operation.path("requestBody").path("required").asBoolean() && !responses.has("415")) {
                wrong.add(where + " lacks 415");
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyRequestBodyHasAnExample() {
        List<String> wrong = new ArrayList<>();
        forEachOperation((where, operation) -> operation.path("requestBody").path("content").fields().forEachRemaining(media -> {
            if (media.getValue().path("examples").isEmpty()) {
                wrong.add(where + " " + media.getKey() + " has no example");
            }
        }));
        assertEquals(List.of(), wrong);
    }

    private static void forEachOperation(BiConsumer<String, JsonNode> check) {
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (operation.getValue().has("responses")) {
                check.accept(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue());
            }
        }));
    }
}
