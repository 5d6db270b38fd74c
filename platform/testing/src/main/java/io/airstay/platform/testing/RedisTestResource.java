package io.airstay.platform.testing;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

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
            if (container != null) {
                DockerClientFactory.instance().client().startContainerCmd(container).exec();
                ServerSupport.awaitPort(hostPort[0], Integer.parseInt(hostPort[1]), null, Path.of("redis.log"));
            } else {
                launch(Integer.parseInt(hostPort[1]));
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not restart Redis", e);
        }
    }

    private static String startEmbedded() throws Exception {
        Path dir = ServerSupport.workDir("embedded-redis");
        System.setProperty(DIR, dir.toString());
        System.setProperty(BINARY, EmbeddedServers.redisBinary(dir).getPath());
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                ServerSupport.findProcess(System.getProperty(PROCESS)).ifPresent(ProcessHandle::destroyForcibly)));
        return BindAddress.connect() + ":" + launch(FreePorts.any());
    }

    /** Starts the server on {@code port} and waits until it accepts connections; returns the port. */
    private static int launch(int port) throws Exception {
        Path dir = Path.of(System.getProperty(DIR));
        ProcessHandle process = EmbeddedServers.startRedis(new File(System.getProperty(BINARY)), port, dir,
                dir.resolve("redis.log"), false).toHandle();
        ServerSupport.recordServer(dir, process);
        System.setProperty(PROCESS, ServerSupport.processId(process));
        return port;
    }

    private static String startContainer() throws Exception {
        GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        // a fixed host port survives the stop/start of stopServer()/startServer()
        container.setPortBindings(List.of(FreePorts.any() + ":6379"));
        container.start(); // removed at JVM exit by Testcontainers
        System.setProperty(CONTAINER, container.getContainerId());
        return container.getHost() + ":" + container.getMappedPort(6379);
    }
}
