package io.airstay.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;

import io.airstay.localstack.LocalStack.Settings;
import io.airstay.platform.testing.BindAddress;
import io.airstay.platform.testing.FreePorts;
import io.airstay.platform.testing.KafkaTestClient;
import io.airstay.platform.testing.Listeners;
import redis.clients.jedis.Jedis;

class LocalStackTest {

    @TempDir(factory = UnderTarget.class)
    Path dir;

    /** Keeps the servers' data with the module's other build output. */
    static final class UnderTarget implements TempDirFactory {
        @Override
        public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws IOException {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target", "local-stack-test")), "stack");
        }
    }

    @Test
    void provisionsEveryServiceDatabaseAndKeepsAllDataAcrossRestarts() throws Exception {
        Settings settings = settings(true);
        String kafka = BindAddress.connect() + ":" + settings.kafkaPort();
        try (LocalStack stack = new LocalStack(settings)) {
            stack.start();
            assertEquals("postgres postgres-replica redis kafka", String.join(" ",
                    Files.readAllLines(dir.resolve(LocalStack.READY_FILE)).stream().map(l -> l.split(" ")[0]).toList()));
            for (String database : LocalStack.DATABASES) {
                try (Connection connection = connect(settings.postgresPort(), database); Statement sql = connection.createStatement()) {
                    assertEquals(LocalStack.ROLE, single(sql,
                            "select pg_get_userbyid(datdba) from pg_database where datname = current_database()"));
                    assertEquals("300", single(sql, "show max_connections"));
                    assertTrue(Long.parseLong(single(sql, "select count(*) from pg_stat_statements")) > 0);
                }
            }
            try (Connection connection = connect(settings.postgresPort(), "airstay_search"); Statement sql = connection.createStatement()) {
                sql.execute("create table kept (note text)");
                sql.execute("insert into kept values ('in postgres')");
            }
            assertStreams(settings, "in postgres");
            try (Jedis redis = new Jedis(BindAddress.connect(), settings.redisPort())) {
                redis.set("kept", "in redis");
            }
            KafkaTestClient.send(kafka, "kept", "k", "in kafka");
        }
        assertFalse(Files.exists(dir.resolve(LocalStack.READY_FILE)));
        // a file of our own in the replica's data directory: still there if the next start reuses the replica
        Path replicaMarker = Files.writeString(dir.resolve(LocalStack.REPLICA).resolve("kept"), "replica");

        try (LocalStack stack = new LocalStack(settings)) {
            stack.start(); // provisions again: nothing to do
            try (Connection connection = connect(settings.postgresPort(), "airstay_search"); Statement sql = connection.createStatement()) {
                assertEquals("in postgres", single(sql, "select note from kept"));
                sql.execute("insert into kept values ('after the restart')");
            }
            assertTrue(Files.exists(replicaMarker), "the replica was made anew");
            assertStreams(settings, "after the restart");
            try (Jedis redis = new Jedis(BindAddress.connect(), settings.redisPort())) {
                assertEquals("in redis", redis.get("kept"));
            }
            assertEquals("in kafka", KafkaTestClient.readUntil(kafka, "kept", records -> !records.isEmpty(),
                    Duration.ofSeconds(30)).get(0).value());
        }

        Settings withoutReplica = new Settings(dir, settings.postgresPort(), 0, settings.redisPort(), settings.kafkaPort(),
                false, "postgres", "");
        try (LocalStack stack = new LocalStack(withoutReplica)) {
            stack.start();
            assertFalse(Files.exists(dir.resolve(LocalStack.REPLICA)), "no replica: its data directory goes");
            try (Connection connection = superuser(settings.postgresPort()); Statement sql = connection.createStatement()) {
                assertEquals("0", single(sql, "select count(*) from pg_replication_slots"), "nor does a slot keep WAL for it");
            }
        }
    }

    /**
     * The replica is a hot standby streaming through its slot: {@code note}, just committed on the primary, is soon
     * read there.
     */
    private static void assertStreams(Settings settings, String note) throws Exception {
        try (Connection replica = connect(settings.replicaPort(), "airstay_search"); Statement sql = replica.createStatement()) {
            assertEquals("t", single(sql, "select pg_is_in_recovery()"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!single(sql, "select count(*) from pg_class where relname = 'kept'").equals("1")
                    || !single(sql, "select count(*) from kept where note = '" + note + "'").equals("1")) {
                assertTrue(System.nanoTime() < deadline, note + " did not reach the replica");
                Thread.sleep(20);
            }
        }
        try (Connection primary = superuser(settings.postgresPort()); Statement sql = primary.createStatement()) {
            assertEquals("true streaming", single(sql, "select s.active || ' ' || r.state from pg_replication_slots s"
                    + " join pg_stat_replication r on r.pid = s.active_pid where s.slot_name = 'airstay_replica'"));
        }
    }

    /**
     * Each server listens on 127.0.0.1 (AIRSTAY_BIND_ADDRESS) and nowhere else: not on 0.0.0.0 or [::], where other
     * machines would reach them, nor on ::1. Kafka's controller listener, on a port of its choosing, included.
     */
    @Test
    void everyServerListensOnTheBindAddressOnly() throws Exception {
        Settings settings = settings(true);
        try (LocalStack stack = new LocalStack(settings)) {
            stack.start();
            Map<String, Set<String>> listening = new TreeMap<>();
            for (String line : Files.readAllLines(dir.resolve(LocalStack.READY_FILE))) {
                String[] server = line.split(" ");
                listening.put(server[0], Listeners.ofProcess(Long.parseLong(server[1])));
            }
            String bind = BindAddress.get();
            assertEquals(Set.of(bind + ":" + settings.postgresPort()), listening.get("postgres"));
            assertEquals(Set.of(bind + ":" + settings.replicaPort()), listening.get(LocalStack.REPLICA));
            assertEquals(Set.of(bind + ":" + settings.redisPort()), listening.get("redis"));
            Set<String> kafka = listening.get("kafka");
            assertTrue(kafka.contains(bind + ":" + settings.kafkaPort()), kafka.toString());
            assertEquals(2, kafka.size(), "the client and controller listeners: " + kafka);
            // the controller's, which only the node itself uses, is on 127.0.0.1 whatever the bind address
            assertTrue(kafka.stream().allMatch(address -> address.startsWith(bind + ":")
                    || address.startsWith(BindAddress.LOOPBACK + ":")), kafka.toString());
        }
    }

    /** As a kubelet restarts a crashed container: a server that dies is started again with its data, unless held. */
    @Test
    void aServerThatDiesIsStartedAgainWithItsDataUnlessHeld() throws Exception {
        Settings settings = settings(true);
        try (LocalStack stack = new LocalStack(settings)) {
            stack.start();
            try (Connection connection = connect(settings.postgresPort(), "airstay_booking"); Statement sql = connection.createStatement()) {
                sql.execute("create table kept (note text)");
                sql.execute("insert into kept values ('committed before the crash')");
            }
            long postgres = pid("postgres");
            ProcessHandle.of(postgres).orElseThrow().destroyForcibly(); // SIGKILL of the postmaster
            long restarted = awaitNewPid("postgres", postgres);
            try (Connection connection = connect(settings.postgresPort(), "airstay_booking"); Statement sql = connection.createStatement()) {
                assertEquals("committed before the crash", single(sql, "select note from kept"));
            }
            long replica = pid(LocalStack.REPLICA);
            ProcessHandle.of(replica).orElseThrow().destroyForcibly();
            awaitNewPid(LocalStack.REPLICA, replica);
            try (Connection connection = connect(settings.replicaPort(), "airstay_booking"); Statement sql = connection.createStatement()) {
                assertEquals("committed before the crash", single(sql, "select note from kept"));
            }

            Files.createDirectories(dir.resolve(LocalStack.HELD_DIR));
            Files.createFile(dir.resolve(LocalStack.HELD_DIR).resolve("redis"));
            long redis = pid("redis");
            ProcessHandle.of(redis).orElseThrow().destroyForcibly();
            Thread.sleep(10 * LocalStack.SUPERVISION_INTERVAL.toMillis());
            assertFalse(ProcessHandle.of(pid("redis")).map(ProcessHandle::isAlive).orElse(false), "held: stays down");
            Files.delete(dir.resolve(LocalStack.HELD_DIR).resolve("redis"));
            awaitNewPid("redis", redis);
            try (Jedis client = new Jedis(BindAddress.connect(), settings.redisPort())) {
                assertEquals("PONG", client.ping());
            }
            assertTrue(ProcessHandle.of(restarted).orElseThrow().isAlive());
        }
    }

    private long pid(String server) throws IOException {
        for (String line : Files.readAllLines(dir.resolve(LocalStack.READY_FILE))) {
            String[] fields = line.split(" ");
            if (fields[0].equals(server)) {
                return Long.parseLong(fields[1]);
            }
        }
        throw new AssertionError(server + " is not in " + LocalStack.READY_FILE);
    }

    private long awaitNewPid(String server, long old) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            long pid = pid(server);
            if (pid != old && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return pid;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(server + " was not started again");
    }

    @Test
    void refusesPortsTakenByAnotherProcess() throws Exception {
        // room in the backlog for each stack's probe: the socket never accepts them
        try (ServerSocket taken = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
                LocalStack postgresTaken = new LocalStack(new Settings(dir, taken.getLocalPort(), 0,
                        FreePorts.any(), FreePorts.any(), false, "postgres", ""));
                LocalStack replicaTaken = new LocalStack(new Settings(dir, FreePorts.any(), taken.getLocalPort(),
                        FreePorts.any(), FreePorts.any(), false, "postgres", ""));
                LocalStack redisTaken = new LocalStack(new Settings(dir, FreePorts.any(), 0, taken.getLocalPort(),
                        FreePorts.any(), false, "postgres", ""))) {
            assertTrue(assertThrows(IllegalStateException.class, postgresTaken::start).getMessage()
                    .contains("AIRSTAY_PG_EXTERNAL=true"));
            assertTrue(assertThrows(IllegalStateException.class, replicaTaken::start).getMessage()
                    .contains("AIRSTAY_PG_REPLICA_PORT"));
            assertTrue(assertThrows(IllegalStateException.class, redisTaken::start).getMessage()
                    .contains("AIRSTAY_REDIS_PORT"));
        }
    }

    /** Settings with free ports, with or without a replica. */
    private Settings settings(boolean replica) {
        int[] ports = FreePorts.distinct(4);
        return new Settings(dir, ports[0], replica ? ports[3] : 0, ports[1], ports[2], false, "postgres", "");
    }

    private static Connection connect(int port, String database) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://" + BindAddress.connect() + ":" + port + "/" + database,
                LocalStack.ROLE, LocalStack.ROLE);
    }

    /** The embedded server trusts local connections. */
    private static Connection superuser(int port) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://" + BindAddress.connect() + ":" + port + "/postgres",
                "postgres", "");
    }

    private static String single(Statement sql, String query) throws Exception {
        try (ResultSet rows = sql.executeQuery(query)) {
            assertTrue(rows.next());
            return rows.getString(1);
        }
    }
}
