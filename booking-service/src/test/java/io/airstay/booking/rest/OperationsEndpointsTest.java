package io.airstay.booking.rest;

import static io.airstay.booking.BookingFixture.book;
import static io.airstay.booking.BookingFixture.request;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.airstay.booking.BookingFixture;
import io.airstay.booking.SagaTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@SagaTest
class OperationsEndpointsTest {

    @Inject
    BookingFixture fixture;

    @Test
    void readinessChecksDatabaseRedisAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check",
                        "Redis connection health check", "Kafka connection health check"));
    }

    @Test
    void metricsExposeSagaDurationOutcomesAndOutboxBacklog() {
        LocalDate in = LocalDate.now().plusDays(70);
        book(request(fixture.listing(), UUID.randomUUID(), in, in.plusDays(1))).then().statusCode(201);

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("airstay_booking_saga_duration_seconds_bucket"))
                .body(containsString("airstay_booking_outcomes_total{status=\"CONFIRMED\"}"))
                .body(containsString("airstay_outbox_backlog"));
    }

    @Test
    void openApiDescribesTheApi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/v1/bookings"));
    }
}
