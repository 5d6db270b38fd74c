package io.airstay.booking.rest;

import static io.airstay.booking.BookingFixture.asGuest;
import static io.airstay.booking.BookingFixture.request;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.airstay.booking.BookingFixture;
import io.airstay.booking.WithSagaStack;
import io.airstay.platform.testing.OperationsEndpoints;
import io.airstay.platform.testing.ServiceProcessTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Two booking-service replicas in one consumer group: this test's application and a second one started
 * from the packaged jar (hence an integration test, run after packaging). Availability's answers land on
 * whichever replica owns the partition, yet every request is answered 201 by the replica that took it,
 * well before its wait runs out (so the answer came through the cross-replica notification, not the
 * re-read after a timeout).
 */
@QuarkusTest
@WithSagaStack
@WithTestResource(value = ServiceProcessTestResource.class, initArgs = {
        @ResourceArg(name = "name", value = "booking-replica"),
        @ResourceArg(name = "jar", value = "target/quarkus-app/quarkus-run.jar"),
        @ResourceArg(name = "database", value = "airstay"),
        @ResourceArg(name = "properties", value = "airstay.booking.saga-wait=10s") })
class CrossReplicaIT {

    private static final Pattern ASSIGNED_AVAILABILITY_PARTITIONS = Pattern.compile(
            "kafka_consumer_coordinator_assigned_partitions\\{[^}]*client_id=\"kafka-consumer-availability-events\"[^}]*} ([0-9.]+)");

    /** With one of 3 partitions, all of 40 answers landing elsewhere has a chance of (2/3)^40, about 1e-7. */
    private static final int MAX_REQUESTS = 40;

    private static final String NO_WAIT_RAN_OUT = "airstay_booking_outcome_waits_run_out_total 0.0";

    @Inject
    BookingFixture fixture;

    @Test
    void eachReplicaAnswersItsOwnRequestsWhicheverConsumesTheOutcome() {
        // Looked up here, not injected: test classes are beans of every test application, and only this one has it.
        String replica = ConfigProvider.getConfig().getValue("airstay.test.booking-replica.url", String.class);
        // Metrics are on each replica's management interface, not on its API port.
        String replicaManagement = ConfigProvider.getConfig().getValue("airstay.test.booking-replica.management-url", String.class);
        String management = OperationsEndpoints.managementUrl();
        // Both replicas own partitions of availability-events once the consumer group has rebalanced.
        await().atMost(BookingFixture.WAIT).until(() -> ownsAvailabilityPartitions(management)
                && ownsAvailabilityPartitions(replicaManagement));
        LocalDate in = LocalDate.now().plusDays(25);
        // Which replica settles a booking depends on the partition its answer lands on (3 partitions, keyed by
        // listing, a new one per request): keep booking, alternating the replica asked, until each has settled some.
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < MAX_REQUESTS && !(settledSome(management) && settledSome(replicaManagement)); i++) {
            UUID propertyId = fixture.property();
            UUID guest = UUID.randomUUID();
            Map<String, Object> body = request(propertyId, guest, in, in.plusDays(2));
            String target = i % 2 == 0 ? "" : replica;
            statuses.add(asGuest(guest).contentType(ContentType.JSON).body(body).post(target + "/api/v1/bookings").statusCode());
        }
        assertEquals(List.of(201), statuses.stream().distinct().toList(), "every request was answered 201: " + statuses);
        assertTrue(settledSome(replicaManagement), "the second replica settled some bookings itself");
        assertTrue(settledSome(management), "and so did this one");
        String metrics = given().get(replicaManagement + "/q/metrics").asString();
        String own = given().get(management + "/q/metrics").asString();
        assertTrue(metrics.contains(NO_WAIT_RAN_OUT) && own.contains(NO_WAIT_RAN_OUT),
                "every request was answered on the outcome's notification, none when its wait ran out");
    }

    private static boolean settledSome(String service) {
        return given().get(service + "/q/metrics").asString().contains("airstay_booking_outcomes_total{status=\"CONFIRMED\"}");
    }

    private static boolean ownsAvailabilityPartitions(String service) {
        return ASSIGNED_AVAILABILITY_PARTITIONS.matcher(given().get(service + "/q/metrics").asString()).results()
                .anyMatch(assigned -> Double.parseDouble(assigned.group(1)) >= 1);
    }
}
