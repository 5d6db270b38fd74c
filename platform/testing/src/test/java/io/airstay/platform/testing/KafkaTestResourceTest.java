package io.airstay.platform.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaTestResourceTest {

    private final String bootstrapServers = new KafkaTestResource().start().get("kafka.bootstrap.servers");

    @Test
    void producesAndConsumesThroughARealBroker() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic("bookings", 3, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props(), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("bookings", "listing-1", "booked")).get();
        }
        assertEquals(List.of("listing-1=booked"), consume("bookings", 1));
    }

    @Test
    void autoCreatesTopicsWithThreePartitions() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props(), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("auto-created", "k", "v")).get();
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            int partitions = admin.describeTopics(List.of("auto-created")).allTopicNames().get()
                    .get("auto-created").partitions().size();
            assertEquals(3, partitions);
        }
    }

    @Test
    void listensAndAdvertisesTheBindAddressOnly() {
        assumeFalse(ServerSupport.useContainers(), "Docker publishes a container's ports itself");
        int port = Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
        assertEquals(BindAddress.connect() + ":" + port, bootstrapServers);
        assertEquals(Set.of(BindAddress.get() + ":" + port), Listeners.onPort(port));
    }

    @Test
    void laterStartsReuseTheBroker() {
        assertEquals(bootstrapServers, new KafkaTestResource().start().get("kafka.bootstrap.servers"));
    }

    private List<String> consume(String topic, int count) {
        Properties props = props();
        props.put("group.id", "test-" + topic);
        props.put("auto.offset.reset", "earliest");
        List<String> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (received.size() < count && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    received.add(record.key() + "=" + record.value());
                }
            }
        }
        return received;
    }

    private Properties props() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }
}
