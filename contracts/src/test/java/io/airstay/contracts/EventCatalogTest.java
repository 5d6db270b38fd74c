package io.airstay.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class EventCatalogTest {

    @Test
    void everyEventTypeIsRecordedAndEveryRecordingIsCatalogued() throws IOException, URISyntaxException {
        Path directory = Path.of(getClass().getClassLoader().getResource(RecordedEvents.VERSION_DIRECTORY).toURI());
        Set<String> recorded;
        try (Stream<Path> files = Files.list(directory)) {
            recorded = files.map(file -> file.getFileName().toString().replace(".json", "")).collect(Collectors.toSet());
        }
        Set<String> catalogued = EventCatalog.EVENT_TYPES.stream().map(EventType::name).collect(Collectors.toSet());
        assertEquals(catalogued, recorded);
        assertEquals(EventCatalog.EVENT_TYPES.size(), catalogued.size(), "an event type is catalogued twice");
    }

    @Test
    void eventTypesAreNamedAfterTheirTopic() {
        for (EventType type : EventCatalog.EVENT_TYPES) {
            assertTrue(EventCatalog.TOPICS.contains(type.topic()), type.topic());
            String stem = type.topic().substring(0, type.topic().indexOf("-events"));
            assertTrue(type.name().startsWith(stem + "."), type.name() + " travels on " + type.topic());
        }
    }
}
