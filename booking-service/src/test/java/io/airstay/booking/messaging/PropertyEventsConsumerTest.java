package io.airstay.booking.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.airstay.booking.BookingFixture;
import io.airstay.booking.WithSagaStack;
import io.airstay.booking.model.Property;
import io.airstay.booking.repository.PropertyRepository;
import io.airstay.contracts.RecordedEvents;
import io.airstay.contracts.property.PropertyTopic;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Contract test: property-events as search-service writes them (the recorded events of the contract) keep booking's terms. */
@QuarkusTest
@WithSagaStack
class PropertyEventsConsumerTest {

    @Inject
    BookingFixture fixture;
    @Inject
    PropertyRepository properties;

    @Test
    void recordedEventsKeepTheTermsBookingValidatesAndPricesWith() {
        UUID propertyId = UUID.randomUUID();
        ObjectNode created = RecordedEvents.envelope(PropertyTopic.CREATED, propertyId);
        RecordedEvents.payload(created).put("max_guests", 2);
        fixture.send(PropertyTopic.NAME, propertyId, created);

        await().atMost(BookingFixture.WAIT).until(() -> find(propertyId) != null);
        Property property = find(propertyId);
        assertEquals(2, property.maxGuests);
        assertEquals(2, property.minimumNights);
        assertEquals(28, property.maximumNights);
        assertEquals(new BigDecimal("120.00"), property.basePrice);
        assertEquals(new BigDecimal("35.00"), property.cleaningFee);
        assertTrue(property.active);

        fixture.send(PropertyTopic.NAME, propertyId, RecordedEvents.envelope(PropertyTopic.UPDATED, propertyId));
        await().atMost(BookingFixture.WAIT).until(() -> find(propertyId).maxGuests == 4);

        fixture.send(PropertyTopic.NAME, propertyId, RecordedEvents.envelope(PropertyTopic.DEACTIVATED, propertyId));
        await().atMost(BookingFixture.WAIT).until(() -> !find(propertyId).active);
    }

    @Test
    void fieldsAddedByANewerProducerAreIgnored() {
        UUID propertyId = UUID.randomUUID();
        fixture.send(PropertyTopic.NAME, propertyId, RecordedEvents.fromNewerProducer(PropertyTopic.CREATED, propertyId));

        await().atMost(BookingFixture.WAIT).until(() -> find(propertyId) != null);
        assertEquals(new BigDecimal("120.00"), find(propertyId).basePrice);
    }

    @Test
    void unknownEventTypesAreSkippedAndTheConsumerGoesOn() {
        UUID skipped = UUID.randomUUID();
        UUID next = UUID.randomUUID();
        // Both under the next property's key: one partition, so the unknown event is consumed first.
        fixture.send(PropertyTopic.NAME, next, RecordedEvents.ofUnknownType(PropertyTopic.CREATED, skipped, "property.archived"));
        fixture.send(PropertyTopic.NAME, next, RecordedEvents.envelope(PropertyTopic.CREATED, next));

        await().atMost(BookingFixture.WAIT).until(() -> find(next) != null);
        assertNull(find(skipped));
        assertNotNull(find(next));
    }

    private Property find(UUID propertyId) {
        return QuarkusTransaction.requiringNew().call(() -> properties.find(propertyId).orElse(null));
    }
}
