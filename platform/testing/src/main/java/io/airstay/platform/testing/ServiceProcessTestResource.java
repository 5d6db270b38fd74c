package io.airstay.platform.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Another AirStay service, started from its runnable jar as a separate JVM and wired to the same
 * PostgreSQL (its own database), Redis and Kafka as the application under test: for tests that need
 * a real peer (the booking saga needs availability-service) or a second replica.
 * <p>
 * Init args: {@code name} (also the key of the returned URL properties: {@code airstay.test.<name>.url}, its API,
 * and {@code airstay.test.<name>.management-url}, its management interface with /q/health and /q/metrics),
 * {@code jar} (path from the module directory), {@code database}, and optionally {@code properties}
 * (comma-separated {@code key=value} configuration for the service). Started once per JVM, after the
 * servers (declare it after them), on free ports of the {@link BindAddress}, ready when its management interface's
 * /q/health/ready answers 200; killed at JVM exit.
 */
public class ServiceProcessTestResource implements QuarkusTestResourceLifecycleManager {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private String name;
    private Path jar;
    private String database;
    private List<String> properties;

    @Override
    public void init(Map<String, String> initArgs) {
        name = initArgs.get("name");
        jar = Path.of(initArgs.get("jar"));
        database = initArgs.get("database");
        properties = initArgs.containsKey("properties") ? List.of(initArgs.get("properties").split(",")) : List.of();
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public Map<String, String> start() {
        // "<API url> <management url>"
        String[] urls = ServerSupport.once("airstay.test." + name + ".urls", this::launch).split(" ");
        return Map.of("airstay.test." + name + ".url", urls[0], "airstay.test." + name + ".management-url", urls[1]);
    }

    /** Keeps the process: it is reused by every test class of this JVM. */
    @Override
    public void stop() {
    }

    /** The java the platform runs its services on ({@code ./airstay test} sets it), else the one running the tests. */
    private static String serviceJava() {
        String java = System.getenv("AIRSTAY_JAVA");
        return java != null && !java.isBlank() ? java : Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private String launch() throws Exception {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: package " + name + " first");
        }
        String postgres = required("airstay.test.postgres.address");
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + postgres + "/postgres",
                PostgresTestResource.USERNAME, PostgresTestResource.PASSWORD)) {
            EmbeddedServers.createDatabaseIfMissing(connection, database, PostgresTestResource.USERNAME);
        }
        int[] ports = FreePorts.distinct(2);
        String bind = BindAddress.get();
        Path dir = ServerSupport.workDir("service-" + name);
        Path log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(
                serviceJava(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=" + bind,
                "-Dquarkus.http.port=" + ports[0],
                "-Dquarkus.management.host=" + bind,
                "-Dquarkus.management.port=" + ports[1],
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://" + postgres + "/" + database,
                "-Dquarkus.datasource.username=" + PostgresTestResource.USERNAME,
                "-Dquarkus.datasource.password=" + PostgresTestResource.PASSWORD,
                "-Dquarkus.redis.hosts=redis://" + required("airstay.test.redis.address"),
                "-Dkafka.bootstrap.servers=" + required("airstay.test.kafka.bootstrap-servers"),
                "-D" + TestTokens.PUBLIC_KEY_PROPERTY + "=" + TestTokens.publicKeyPem(),
                // Tests send single events: do not wait for batches to fill.
                "-Dmp.messaging.connector.smallrye-kafka.fetch.min.bytes=1",
                "-Dairstay.outbox.poll-interval=200ms"));
        properties.forEach(property -> command.add("-D" + property.trim()));
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServerSupport.recordServer(dir, process.toHandle());
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        String url = "http://" + BindAddress.connect() + ":" + ports[0];
        String management = "http://" + BindAddress.connect() + ":" + ports[1];
        awaitReady(management, process, log);
        return url + " " + management;
    }

    private static void awaitReady(String management, Process process, Path log) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(management + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException("Service with management interface " + management + " did not become ready:\n"
                        + ServerSupport.tail(log));
            }
            Thread.sleep(200);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException(property + " is not set: declare the PostgreSQL, Redis and Kafka test "
                    + "resources before " + ServiceProcessTestResource.class.getSimpleName());
        }
        return value;
    }
}
