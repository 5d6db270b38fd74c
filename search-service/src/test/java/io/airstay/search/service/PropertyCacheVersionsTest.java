package io.airstay.search.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.airstay.contracts.booking.BookingTopic;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.testing.RealServers;
import io.airstay.search.EventFixture;
import io.airstay.search.PropertyFixture;
import io.airstay.search.model.Property;
import io.airstay.search.repository.PropertyRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Two changes of one listing commit in one order, and their post-commit cache writes can land in the other. The
 * tests replay the writes of committed changes in reverse, through the real Redis: the newer detail stays.
 */
@QuarkusTest
@RealServers
class PropertyCacheVersionsTest {

    @Inject
    PropertyCache cache;
    @Inject
    PropertyCountsProjection counts;
    @Inject
    PropertyRepository properties;
    @Inject
    EventFixture events;

    @Test
    void aHostPatchWrittenAfterALaterBookingCountDoesNotReplaceIt() {
        UUID id = PropertyFixture.create(PropertyFixture.uniqueCity("Reorderville"), Map.of());
        PropertyFixture.asHost().contentType(ContentType.JSON).body("{\"title\": \"Patched by the host\"}")
                .patch("/api/v1/properties/" + id).then().statusCode(200);
        Property patched = committed(id);
        QuarkusTransaction.requiringNew().run(() -> counts.bookingConfirmed(bookingConfirmed(id)));
        Property booked = committed(id);
        assertTrue(booked.version > patched.version, "the counter update advanced the version: " + patched.version + " then "
                + booked.version);

        cache.refreshDetail(booked);
        cache.refreshDetail(patched);

        given().get("/api/v1/properties/" + id).then().statusCode(200)
                .body("title", equalTo("Patched by the host")).body("booking_count", equalTo(1));
    }

    @Test
    void anActiveDetailWrittenAfterTheDeactivationDoesNotBringTheListingBack() {
        UUID id = PropertyFixture.create(PropertyFixture.uniqueCity("Reorderville"), Map.of());
        Property active = committed(id);
        PropertyFixture.asHost().delete("/api/v1/properties/" + id).then().statusCode(204);

        cache.refreshDetail(active);

        given().get("/api/v1/properties/" + id).then().statusCode(404);
    }

    @Test
    void countChangesOfOneListingInOneTransactionCacheTheLastOne() {
        UUID id = PropertyFixture.create(PropertyFixture.uniqueCity("Batchville"), Map.of());
        given().get("/api/v1/properties/" + id).then().statusCode(200).body("booking_count", equalTo(0));

        // A batch of booking-events applies in one transaction.
        QuarkusTransaction.requiringNew().run(() -> {
            counts.bookingConfirmed(bookingConfirmed(id));
            counts.bookingConfirmed(bookingConfirmed(id));
        });

        given().get("/api/v1/properties/" + id).then().statusCode(200).body("booking_count", equalTo(2));
    }

    private Property committed(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> properties.findById(id));
    }

    private EventEnvelope bookingConfirmed(UUID id) {
        return events.event(BookingTopic.CONFIRMED, id, Map.of("booking_id", UUID.randomUUID()));
    }
}
