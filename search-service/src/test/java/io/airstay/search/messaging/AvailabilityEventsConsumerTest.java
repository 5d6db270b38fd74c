package io.airstay.search.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.airstay.contracts.RecordedEvents;
import io.airstay.contracts.availability.AvailabilityTopic;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.testing.RealServers;
import io.airstay.search.EventFixture;
import io.airstay.search.PropertyFixture;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@RealServers
class AvailabilityEventsConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventFixture events;

    @Test
    void unavailableNightsExcludePropertiesFromDateSearches() {
        String city = PropertyFixture.uniqueCity("Datesville");
        UUID busy = PropertyFixture.create(city, Map.of());
        UUID free = PropertyFixture.create(city, Map.of());
        LocalDate checkIn = LocalDate.now().plusDays(30);
        String search = search(city, checkIn, checkIn.plusDays(3));
        given().get(search).then().body("data.size()", equalTo(2));

        EventEnvelope held = events.event(AvailabilityTopic.UPDATED, busy, Map.of("start_date", checkIn.plusDays(2).toString(),
                "end_date", checkIn.plusDays(4).toString(), "unavailable_dates", List.of(checkIn.plusDays(2).toString(),
                        checkIn.plusDays(3).toString())));
        events.send(AvailabilityTopic.NAME, held);
        events.send(AvailabilityTopic.NAME, held);

        await().atMost(WAIT).untilAsserted(() -> given().get(search).then()
                .body("data.size()", equalTo(1)).body("data[0].property_id", equalTo(free.toString())));
        given().get(search(city, checkIn.plusDays(4), checkIn.plusDays(6))).then().body("data.size()", equalTo(2));

        events.send(AvailabilityTopic.NAME, events.event(AvailabilityTopic.UPDATED, busy, Map.of(
                "start_date", checkIn.plusDays(2).toString(), "end_date", checkIn.plusDays(4).toString(),
                "unavailable_dates", List.of())));
        await().atMost(WAIT).untilAsserted(() -> given().get(search).then().body("data.size()", equalTo(2)));
    }

    /**
     * Contract: every availability-events type availability-service writes (recorded in the contracts module)
     * is read; the recorded availability.updated makes 2027-03-10 to 2027-03-12 unavailable.
     */
    @Test
    void recordedAvailabilityEventsExcludeTheUnavailableNights() {
        String city = PropertyFixture.uniqueCity("Recordsville");
        UUID id = PropertyFixture.create(city, Map.of());
        for (String type : List.of(AvailabilityTopic.HELD, AvailabilityTopic.REJECTED, AvailabilityTopic.RELEASED,
                AvailabilityTopic.UPDATED)) {
            events.send(AvailabilityTopic.NAME, RecordedEvents.envelope(type, id));
        }

        await().atMost(WAIT).untilAsserted(() -> given().get(search(city, LocalDate.parse("2027-03-09"),
                LocalDate.parse("2027-03-11"))).then().body("data.size()", equalTo(0)));
        given().get(search(city, LocalDate.parse("2027-03-13"), LocalDate.parse("2027-03-15"))).then()
                .body("data.size()", equalTo(1));
    }

    /** An unknown event type is skipped and the next event still applies, whatever fields it gained. */
    @Test
    void unknownTypesAreSkippedAndAddedFieldsIgnored() {
        String city = PropertyFixture.uniqueCity("Latersville");
        UUID id = PropertyFixture.create(city, Map.of());
        // Would make 2027-03-10 to 2027-03-12 unavailable, were it read as availability.updated.
        events.send(AvailabilityTopic.NAME, RecordedEvents.envelope(AvailabilityTopic.UPDATED, id)
                .put("event_type", "availability.reindexed"));
        ObjectNode update = EventFixture.withFieldsAddedLater(RecordedEvents.envelope(AvailabilityTopic.UPDATED, id));
        RecordedEvents.payload(update).put("start_date", "2027-05-01").put("end_date", "2027-06-01")
                .putArray("unavailable_dates").add("2027-05-10");
        events.send(AvailabilityTopic.NAME, update);

        // Same key, same partition: once the second event shows, the first was read and skipped.
        await().atMost(WAIT).untilAsserted(() -> given().get(search(city, LocalDate.parse("2027-05-10"),
                LocalDate.parse("2027-05-11"))).then().body("data.size()", equalTo(0)));
        given().get(search(city, LocalDate.parse("2027-03-10"), LocalDate.parse("2027-03-13"))).then()
                .body("data.size()", equalTo(1));
    }

    private static String search(String city, LocalDate checkIn, LocalDate checkOut) {
        return "/api/v1/properties/search?city=" + city + "&check_in=" + checkIn + "&check_out=" + checkOut;
    }
}
