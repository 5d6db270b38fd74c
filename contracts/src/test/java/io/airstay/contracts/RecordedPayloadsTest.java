package io.airstay.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Compatibility of the current payload records with what producers of this contract version write: a field
 * renamed, removed or retyped in a record fails here, before a consumer in another service meets it.
 */
class RecordedPayloadsTest {

    private static final ObjectMapper MAPPER = WireFormat.newMapper();

    static Stream<EventType> eventTypes() {
        return EventCatalog.EVENT_TYPES.stream();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void recordedEnvelopeCarriesTheEnvelopeFields(EventType type) {
        ObjectNode envelope = RecordedEvents.envelope(type.name());
        for (String field : new String[] {"event_id", "event_type", "event_timestamp", "property_id", "payload"}) {
            assertFalse(envelope.path(field).isNull() || envelope.path(field).isMissingNode(), field);
        }
        assertEquals(type.name(), envelope.get("event_type").asText());
        assertEquals(1, envelope.at("/metadata/version").asInt());
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void recordReadsEveryRecordedFieldAndWritesItBackUnchanged(EventType type) throws Exception {
        JsonNode recorded = RecordedEvents.payload(RecordedEvents.envelope(type.name()));
        Record payload = MAPPER.treeToValue(recorded, type.payload());
        JsonNode written = MAPPER.valueToTree(payload);
        assertSameFields(type.name(), recorded, written);
        assertEquals(payload, MAPPER.readValue(MAPPER.writeValueAsString(payload), type.payload()),
                "what the producer writes, the consumer reads");
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void fieldsAddedByANewerProducerAreIgnored(EventType type) throws Exception {
        ObjectNode recorded = RecordedEvents.payload(RecordedEvents.envelope(type.name()));
        Record expected = MAPPER.treeToValue(recorded, type.payload());
        recorded.put("added_in_a_later_version", "ignored");
        recorded.putObject("another_new_object").put("nested", 1);
        assertEquals(expected, MAPPER.treeToValue(recorded, type.payload()));
    }

    /** Every field of the recording is still there, under the same name, with the same JSON value. */
    private static void assertSameFields(String where, JsonNode recorded, JsonNode written) {
        if (recorded.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = recorded.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = written.get(field.getKey());
                assertNotNull(value, where + "." + field.getKey() + " is no longer written");
                assertSameFields(where + "." + field.getKey(), field.getValue(), value);
            }
        } else if (recorded.isArray()) {
            assertTrue(written.isArray(), where + " is no longer an array");
            assertEquals(recorded.size(), written.size(), where);
            for (int i = 0; i < recorded.size(); i++) {
                assertSameFields(where + "[" + i + "]", recorded.get(i), written.get(i));
            }
        } else {
            assertEquals(recorded, written, where);
        }
    }
}
