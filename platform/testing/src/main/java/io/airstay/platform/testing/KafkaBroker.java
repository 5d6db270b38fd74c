package io.airstay.platform.testing;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.logging.ConsoleHandler;
import java.util.logging.Logger;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A single-node Kafka (KRaft broker + controller) for tests and local runs:
 * {@code java -cp <classpath> io.airstay.platform.testing.KafkaBroker <port> <data dir> [<bind address>]}. Clients'
 * listener binds the address (default {@link BindAddress#get()}), and advertises it (127.0.0.1 for 0.0.0.0); the
 * controller's listener, which only the node itself uses, binds 127.0.0.1.
 * The broker logs through SLF4J 2.x: without slf4j-api 2.x and a provider on the classpath it runs silently.
 * Once it serves clients it creates {@value #READY_FILE} in the data dir.
 */
public final class KafkaBroker {

    static final String READY_FILE = "ready";
    /** System property: exit when the parent process dies (set by {@link EmbeddedServers#startKafka}). */
    static final String EXIT_WITH_PARENT = "airstay.kafka.exit-with-parent";

    private KafkaBroker() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: KafkaBroker <port> <data dir> [<bind address>]");
            System.exit(2);
        }
        String bind = args.length > 2 ? BindAddress.of(args[2]) : BindAddress.get();
        // With this module's class path SLF4J logs to JBoss LogManager, whose root handler (set up by Quarkus'
        // bootstrap) holds records back until a Quarkus application configures logging: print them instead.
        Logger.getLogger("").addHandler(new ConsoleHandler());
        if (Boolean.getBoolean(EXIT_WITH_PARENT)) {
            ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)));
        }
        Path dataDir = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(dataDir);
        Files.deleteIfExists(dataDir.resolve(READY_FILE));

        Path logDir = dataDir.resolve("logs");
        Properties config = config(Integer.parseInt(args[0]), bind, logDir);
        Path configFile = dataDir.resolve("server.properties");
        try (Writer writer = Files.newBufferedWriter(configFile)) {
            config.store(writer, null);
        }
        // a kept data directory is formatted already, with a cluster id that formatting again would contradict
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            int formatted = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(),
                    "-c", configFile.toString()}, System.out);
            if (formatted != 0) {
                throw new IllegalStateException("Formatting " + dataDir + " failed with exit code " + formatted);
            }
        }

        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
        server.startup();
        Files.createFile(dataDir.resolve(READY_FILE));
        server.awaitShutdown();
    }

    static Properties config(int port, String bind, Path logDir) {
        // the broker's own port was free in the parent moments ago: the kernel could hand it out here again
        int controllerPort = FreePorts.distinct(1, port)[0];
        String controller = BindAddress.LOOPBACK + ":" + controllerPort;
        Properties config = new Properties();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.voters", "1@" + controller);
        // explicit addresses: a listener without a host ("PLAINTEXT://:9092") binds every interface
        config.put("listeners", "PLAINTEXT://" + bind + ":" + port + ",CONTROLLER://" + controller);
        config.put("advertised.listeners", "PLAINTEXT://" + BindAddress.connect(bind) + ":" + port);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("log.dirs", logDir.toString());
        // a single node cannot replicate internal topics
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("log.cleaner.dedupe.buffer.size", "16777216"); // default 128 MiB heap per broker
        config.put("num.partitions", "3"); // several partitions, so per-key ordering is meaningful
        config.put("auto.create.topics.enable", "true");
        // the production topics' retention: 7 days, in segments of a day, so that no event outlives the 9 days for
        // which consumers remember the events they processed
        config.put("log.retention.hours", "168");
        config.put("log.roll.hours", "24");
        return config;
    }
}
