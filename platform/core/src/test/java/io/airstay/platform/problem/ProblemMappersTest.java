package io.airstay.platform.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.airstay.platform.testing.RealServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@RealServers
class ProblemMappersTest {

    @Test
    void validBodyPasses() {
        given().contentType(ContentType.JSON).body("{\"text\":\"hi\",\"priority\":2}")
                .post("/test/notes").then().statusCode(200).body("text", equalTo("hi"));
    }

    @Test
    void constraintViolationsNameEachFieldInSnakeCase() {
        given().contentType(ContentType.JSON).body("{\"text\":\"far too long a text\",\"priority\":9,\"tags\":[\"\"]}")
                .post("/test/notes").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400))
                .body("title", equalTo("Bad Request"))
                .body("instance", equalTo("/test/notes"))
                .body("errors.field", hasItems("text", "priority", "tags[0]"));
    }

    @Test
    void missingBodyIsNamed() {
        given().contentType(ContentType.JSON).post("/test/notes").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void malformedJsonIsA400() {
        given().contentType(ContentType.JSON).body("{\"text\": \"unterminated")
                .post("/test/notes").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("body"))
                .body("detail", startsWith("Malformed JSON"));
    }

    @Test
    void wrongTypeNamesTheField() {
        given().contentType(ContentType.JSON).body("{\"text\":\"ok\",\"priority\":\"high\"}")
                .post("/test/notes").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("priority"))
                .body("detail", containsString("priority"));
    }

    @Test
    void invalidFieldExceptionIsA400NamingTheParameter() {
        given().get("/test/parse?page_size=500").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("page_size"));
    }

    @Test
    void notFoundAndConflictAreProblems() {
        given().get("/test/notes/42").then().statusCode(404)
                .contentType(startsWith("application/problem+json")).body("detail", equalTo("Note 42 not found"));
        given().get("/test/conflict").then().statusCode(409)
                .contentType(startsWith("application/problem+json")).body("title", equalTo("Conflict"));
    }

    @Test
    void unknownPathIsA404Problem() {
        given().get("/nowhere").then().statusCode(404).contentType(startsWith("application/problem+json"));
    }
}
