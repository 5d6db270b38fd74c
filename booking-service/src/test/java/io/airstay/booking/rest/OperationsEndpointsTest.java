package io.airstay.booking.rest;

import static io.airstay.booking.BookingFixture.book;
import static io.airstay.booking.BookingFixture.request;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.airstay.booking.BookingFixture;
import io.airstay.booking.WithSagaStack;
import io.airstay.platform.testing.OperationsEndpoints;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithSagaStack
class OperationsEndpointsTest {

    @Inject
    BookingFixture fixture;

    @Test
    void readinessChecksDatabaseRedisAndKafka() {
        OperationsEndpoints.assertReadinessCoversDatabaseRedisAndKafka();
    }

    @Test
    void metricsExposeSagaDurationOutcomesAndOutboxBacklog() {
        LocalDate in = LocalDate.now().plusDays(70);
        book(request(fixture.property(), UUID.randomUUID(), in, in.plusDays(1))).then().statusCode(201);

        OperationsEndpoints.assertMetricsContain("airstay_booking_saga_duration_seconds_bucket", "airstay_booking_outcomes_total{status=\"CONFIRMED\"}", "airstay_outbox_backlog");
    }

    @Test
    void openApiDescribesTheApi() {
        OperationsEndpoints.assertOpenApiDescribes("/api/v1/bookings");
    }
}
