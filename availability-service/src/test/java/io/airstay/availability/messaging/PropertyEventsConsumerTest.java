package io.airstay.availability.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.airstay.availability.AvailabilityFixture;
import io.airstay.contracts.RecordedEvents;
import io.airstay.contracts.property.PropertyTopic;
import io.airstay.platform.testing.RealServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Contract test: property-events as search-service writes them (the recorded events of the contract) build calendars. */
@QuarkusTest
@RealServers
class PropertyEventsConsumerTest {

    private static final LocalDate NIGHT = LocalDate.now().plusDays(30);

    @Inject
    AvailabilityFixture fixture;

    @Test
    void recordedEventsBuildRepriceAndCloseTheCalendar() {
        UUID propertyId = UUID.randomUUID();
        fixture.send(PropertyTopic.NAME, propertyId, RecordedEvents.envelope(PropertyTopic.CREATED, propertyId));
        // The recorded property: 120.00 a night, stays of 2 nights or more.
        await().atMost(AvailabilityFixture.WAIT).until(() -> calendarStatus(propertyId) == 200);
        assertEquals(120.0f, night(propertyId).getFloat("availability[0].price"));
        assertEquals(2, night(propertyId).getInt("availability[0].minimum_nights"));

        ObjectNode updated = RecordedEvents.envelope(PropertyTopic.UPDATED, propertyId);
        RecordedEvents.payload(updated).put("base_price", new BigDecimal("135.00"));
        fixture.send(PropertyTopic.NAME, propertyId, updated);
        await().atMost(AvailabilityFixture.WAIT).untilAsserted(() ->
                assertEquals(135.0f, night(propertyId).getFloat("availability[0].price")));

        fixture.send(PropertyTopic.NAME, propertyId, RecordedEvents.envelope(PropertyTopic.DEACTIVATED, propertyId));
        await().atMost(AvailabilityFixture.WAIT).until(() -> calendarStatus(propertyId) == 404);
    }

    @Test
    void fieldsAddedByANewerProducerAreIgnored() {
        UUID propertyId = UUID.randomUUID();
        fixture.send(PropertyTopic.NAME, propertyId, RecordedEvents.fromNewerProducer(PropertyTopic.CREATED, propertyId));

        await().atMost(AvailabilityFixture.WAIT).until(() -> calendarStatus(propertyId) == 200);
        assertEquals(120.0f, night(propertyId).getFloat("availability[0].price"));
    }

    @Test
    void unknownEventTypesAreSkippedAndTheConsumerGoesOn() {
        UUID skipped = UUID.randomUUID();
        UUID next = UUID.randomUUID();
        // Both under the next property's key: one partition, so the unknown event is consumed first.
        fixture.send(PropertyTopic.NAME, next, RecordedEvents.ofUnknownType(PropertyTopic.CREATED, skipped, "property.archived"));
        fixture.send(PropertyTopic.NAME, next, RecordedEvents.envelope(PropertyTopic.CREATED, next));

        await().atMost(AvailabilityFixture.WAIT).until(() -> calendarStatus(next) == 200);
        assertEquals(404, calendarStatus(skipped));
    }

    private static int calendarStatus(UUID propertyId) {
        return given().get("/api/v1/properties/" + propertyId + "/availability").statusCode();
    }

    private static JsonPath night(UUID propertyId) {
        return given().get("/api/v1/properties/" + propertyId + "/availability?start_date=" + NIGHT + "&end_date=" + NIGHT)
                .then().statusCode(200).extract().jsonPath();
    }
}
