package io.airstay.contracts;

/** One kind of event: the topic it travels on, its {@code event_type} and the record of its payload. */
public record EventType(String topic, String name, Class<? extends Record> payload) {
}
