package io.airstay.platform.testing;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import redis.embedded.core.ExecutableProvider;

/**
 * A real Redis: {@code redis-server} from the PATH, else the binary bundled in embedded-redis, or
 * {@code redis:7-alpine} when Docker is available. One server per JVM, killed at JVM exit. Tests can take it down
 * and bring it back on the same port with {@link #stopServer()} and {@link #startServer()}; it keeps no data.
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    // JVM-wide state in system properties, see ServerSupport.once
    private static final String ADDRESS = "airstay.test.redis.address";
    private static final String CONTAINER = "airstay.test.redis.container";
    private static final String BINARY = "airstay.test.redis.binary";
    private static final String DIR = "airstay.test.redis.dir";
    private static final String PROCESS = "airstay.test.redis.process";

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.redis.hosts", "redis://" + ServerSupport.once(ADDRESS,
                () -> ServerSupport.useContainers() ? startContainer() : startEmbedded()));
    }

    /** Keeps the server: Quarkus calls this whenever a test restarts the application, and it is reused. */
    @Override
    public void stop() {
    }

    /** Stops Redis; connections are refused until {@link #startServer()}. */
    public static synchronized void stopServer() {
        String container = System.getProperty(CONTAINER);
        if (container != null) {
            DockerClientFactory.instance().client().stopContainerCmd(container).exec();
        } else {
            ServerSupport.findProcess(System.getProperty(PROCESS)).ifPresent(ServerSupport::kill);
        }
    }

    /** Starts Redis again on the same port, empty, and waits until it accepts connections. */
    public static synchronized void startServer() {
        String[] hostPort = System.getProperty(ADDRESS).split(":");
        try {
            String container = System.getProperty(CONTAINER);
            ProcessHandle process = null;
            if (container != null) {
                DockerClientFactory.instance().client().startContainerCmd(container).exec();
            } else {
                process = launch(Integer.parseInt(hostPort[1]));
            }
            ServerSupport.awaitPort(hostPort[0], Integer.parseInt(hostPort[1]), process,
                    Path.of(System.getProperty(DIR, "."), "redis.log"));
        } catch (Exception e) {
            throw new IllegalStateException("Could not restart Redis", e);
        }
    }

    private static String startEmbedded() throws Exception {
        Path dir = ServerSupport.workDir("embedded-redis");
        System.setProperty(DIR, dir.toString());
        Optional<File> onPath = redisServerOnPath();
        File binary = onPath.isPresent() ? onPath.get() : ExecutableProvider.newJarResourceProvider(dir.toFile()).get();
        System.setProperty(BINARY, binary.getPath());
        int port = ServerSupport.freePort();
        ProcessHandle process = launch(port);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                ServerSupport.findProcess(System.getProperty(PROCESS)).ifPresent(ProcessHandle::destroyForcibly)));
        ServerSupport.awaitPort("localhost", port, process, dir.resolve("redis.log"));
        return "localhost:" + port;
    }

    private static ProcessHandle launch(int port) throws Exception {
        Path dir = Path.of(System.getProperty(DIR));
        ProcessHandle process = new ProcessBuilder(System.getProperty(BINARY),
                "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString(),
                "--save", "", "--appendonly", "no")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
                .start().toHandle();
        ServerSupport.recordServer(dir, process);
        System.setProperty(PROCESS, ServerSupport.processId(process));
        return process;
    }

    private static Optional<File> redisServerOnPath() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(entry -> new File(entry, "redis-server"))
                .filter(File::canExecute)
                .findFirst();
    }

    private static String startContainer() throws Exception {
        GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        // a fixed host port survives the stop/start of stopServer()/startServer()
        container.setPortBindings(List.of(ServerSupport.freePort() + ":6379"));
        container.start(); // removed at JVM exit by Testcontainers
        System.setProperty(CONTAINER, container.getContainerId());
        return container.getHost() + ":" + container.getMappedPort(6379);
    }
}
