package io.airstay.platform.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.airstay.contracts.property.PropertyFacts;
import io.airstay.contracts.property.PropertyTopic;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.events.MalformedEventException;

class PropertyTermsTest {

    private static final UUID PROPERTY = UUID.randomUUID();

    private static class Terms extends PropertyTerms {
    }

    @Test
    void applyTakesTheTermsOfTheFacts() {
        Terms terms = new Terms();
        terms.apply(facts(new BigDecimal("120.00"), false));

        assertEquals(new BigDecimal("120.00"), terms.basePrice);
        assertEquals(2, terms.minimumNights);
        assertEquals(28, terms.maximumNights);
        assertFalse(terms.active);
        assertNotNull(terms.updatedAt);
    }

    @Test
    void factsWithoutAPropertyIdOrAPositivePriceAreMalformed() {
        PropertyFacts priced = facts(new BigDecimal("120.00"), true);
        assertSame(priced, PropertyTerms.requireTerms(event(PROPERTY), priced));

        assertThrows(MalformedEventException.class, () -> PropertyTerms.requireTerms(event(null), priced));
        assertThrows(MalformedEventException.class, () -> PropertyTerms.requireTerms(event(PROPERTY), facts(null, true)));
        assertThrows(MalformedEventException.class,
                () -> PropertyTerms.requireTerms(event(PROPERTY), facts(BigDecimal.ZERO, true)));
    }

    private static PropertyFacts facts(BigDecimal basePrice, boolean active) {
        return new PropertyFacts(PROPERTY, UUID.randomUUID(), "Flat", "Lisbon", 4, basePrice, new BigDecimal("35.00"), 2, 28,
                false, active);
    }

    private static EventEnvelope event(UUID propertyId) {
        return EventEnvelope.create(PropertyTopic.UPDATED, propertyId, UUID.randomUUID(), JsonNodeFactory.instance.objectNode(),
                "test");
    }
}
