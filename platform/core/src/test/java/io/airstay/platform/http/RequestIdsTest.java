package io.airstay.platform.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import io.airstay.platform.testapp.NoteResource;
import io.airstay.platform.testing.RealServers;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@RealServers
class RequestIdsTest {

    @Test
    void logLinesOfARequestCarryTheGatewaysRequestId() {
        List<String> ids = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record instanceof ExtLogRecord ext && record.getMessage().contains("logged request")) {
                    ids.add(String.valueOf(ext.getMdc(RequestIds.MDC_KEY)));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(NoteResource.class.getName());
        logger.addHandler(capture);
        try {
            given().header("X-Request-Id", "gateway-id-42").get("/test/logged").then().statusCode(200);
            given().get("/test/logged").then().statusCode(200);
        } finally {
            logger.removeHandler(capture);
        }
        assertTrue(ids.contains("gateway-id-42"), "the request id is in the log context: " + ids);
        assertTrue(ids.contains("null"), "and a request without one logs none: " + ids);
    }
}
