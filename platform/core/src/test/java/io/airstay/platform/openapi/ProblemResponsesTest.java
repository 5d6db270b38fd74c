package io.airstay.platform.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.airstay.platform.problem.Problem;
import io.airstay.platform.testing.RealServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The test application's /q/openapi, as ProblemResponses completes it. */
@QuarkusTest
@RealServers
class ProblemResponsesTest {

    @Test
    void theProblemSchemaHasTheFieldsOfTheProblemDocument() {
        JsonPath document = document();
        assertEquals(jsonNames(Problem.class), document.getMap("components.schemas.Problem.properties").keySet().stream().toList());
        assertEquals(List.of("type", "title", "status"), document.getList("components.schemas.Problem.required"));
        assertEquals(jsonNames(Problem.FieldError.class),
                document.getMap("components.schemas.FieldError.properties").keySet().stream().toList());
    }

    @Test
    void everyOperationAnswersTheCommonErrorsAsProblemDocuments() {
        JsonPath document = document();
        Map<String, Object> create = document.getMap("paths.'/test/notes'.post.responses");
        assertEquals(List.of("200", "400", "413", "429", "500", "503"), create.keySet().stream().sorted().toList());
        for (String status : List.of("400", "413", "429", "500", "503")) {
            assertEquals("#/components/schemas/Problem", document.getString(
                    "paths.'/test/notes'.post.responses.'" + status + "'.content.'application/problem+json'.schema.$ref"), status);
        }
        assertTrue(document.getMap("paths.'/test/notes'.post.responses.'429'.headers").containsKey("Retry-After"));

        Map<String, Object> byId = document.getMap("paths.'/test/notes/{id}'.get.responses");
        assertEquals(List.of("200", "400", "404", "429", "500", "503"), byId.keySet().stream().sorted().toList());
        assertEquals("#/components/schemas/Problem",
                document.getString("paths.'/test/notes/{id}'.get.responses.'404'.content.'application/problem+json'.schema.$ref"));
        assertEquals("No note with this id", document.getString("paths.'/test/notes/{id}'.get.responses.'404'.description"));

        Map<String, Object> noParameters = document.getMap("paths.'/test/conflict'.get.responses");
        assertFalse(noParameters.containsKey("400") || noParameters.containsKey("404"), noParameters.keySet().toString());
    }

    private static JsonPath document() {
        return given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
    }

    private static List<String> jsonNames(Class<? extends Record> type) {
        List<String> names = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            names.add(component.getName().replaceAll("([A-Z])", "_$1").toLowerCase());
        }
        return names;
    }
}
