package io.airstay.platform.testing;

import java.nio.file.Path;
import java.util.Map;

import org.testcontainers.kafka.KafkaContainer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real single-node Kafka 4.1 (KRaft), or {@code apache/kafka:4.1.2} when Docker is available. One broker per JVM,
 * killed at JVM exit.
 * <p>
 * The broker runs in a child JVM ({@link KafkaBroker}) with this JVM's class path, logging to
 * {@code target/embedded-kafka/<id>/broker.log}. In-process it would live in the class loader of whichever Quarkus
 * application started it (Quarkus loads test resources per application) while serving all of them, and its Scala,
 * log4j and logging would mix with the application under test.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String bootstrapServers = ServerSupport.once("airstay.test.kafka.bootstrap-servers",
                () -> ServerSupport.useContainers() ? startContainer() : startChildBroker());
        return Map.of("kafka.bootstrap.servers", bootstrapServers);
    }

    /** Keeps the broker: Quarkus calls this whenever a test restarts the application, and it is reused. */
    @Override
    public void stop() {
    }

    private static String startChildBroker() throws Exception {
        Path dir = ServerSupport.workDir("embedded-kafka");
        int port = FreePorts.any();
        Process broker = EmbeddedServers.startKafka(port, dir, dir.resolve("broker.log"));
        ServerSupport.recordServer(dir, broker.toHandle());
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroyForcibly));
        return BindAddress.connect() + ":" + port;
    }

    private static String startContainer() {
        KafkaContainer container = new KafkaContainer("apache/kafka:4.1.2")
                .withEnv("KAFKA_NUM_PARTITIONS", "3");
        container.start(); // removed at JVM exit by Testcontainers
        return container.getBootstrapServers();
    }
}
