package io.airstay.platform.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.testcontainers.DockerClientFactory;

/** Helpers shared by the test resources: JVM-wide singletons, work directories, ports, process handling. */
final class ServerSupport {

    private static final String CONTAINERS_FLAG = "airstay.test.containers";
    private static final String OWNER_FILE = "owner.pid";
    private static final String SERVER_FILE = "server.pid";

    private static Boolean useContainers;

    private ServerSupport() {
    }

    /**
     * Returns the value stored under {@code key}, running {@code start} only the first time in this JVM.
     * The value lives in a system property rather than a static field because Quarkus loads test resources
     * (and the tests that call {@link RedisTestResource#stopServer()}) in a class loader per application
     * (per distinct set of test resources or profile), so a static field would start one server per application.
     */
    static synchronized String once(String key, Callable<String> start) {
        String value = System.getProperty(key);
        if (value == null) {
            try {
                value = start.call();
            } catch (Exception e) {
                throw new IllegalStateException("Could not start test server for " + key, e);
            }
            System.setProperty(key, value);
        }
        return value;
    }

    /**
     * Whether to run servers in Docker: {@code airstay.test.containers} (system property, or env
     * {@code AIRSTAY_TEST_CONTAINERS}) forces it either way; otherwise only when a Docker engine answers.
     */
    static synchronized boolean useContainers() {
        if (useContainers == null) {
            String flag = System.getProperty(CONTAINERS_FLAG, System.getenv("AIRSTAY_TEST_CONTAINERS"));
            useContainers = flag != null ? Boolean.parseBoolean(flag) : dockerEndpointExists()
                    && DockerClientFactory.instance().isDockerAvailable();
        }
        return useContainers;
    }

    // Testcontainers' probe logs errors and retries when nothing answers, so ask it only if an endpoint is configured.
    private static boolean dockerEndpointExists() {
        String home = System.getProperty("user.home");
        String runtimeDir = System.getenv().getOrDefault("XDG_RUNTIME_DIR", "/nonexistent");
        return System.getenv("DOCKER_HOST") != null || Stream.of(
                Path.of("/var/run/docker.sock"),
                Path.of(runtimeDir, "docker.sock"),
                Path.of(home, ".docker/run/docker.sock"),
                Path.of(home, ".testcontainers.properties")).anyMatch(Files::exists);
    }

    /**
     * Creates {@code target/<kind>/<random>} in the current module, owned by this JVM, after deleting the
     * directories that earlier JVMs left behind (and killing a server they left running).
     */
    static Path workDir(String kind) throws IOException {
        Path parent = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target", kind)
                .toAbsolutePath();
        Files.createDirectories(parent);
        try (Stream<Path> dirs = Files.list(parent)) {
            dirs.filter(ServerSupport::isStale).forEach(ServerSupport::deleteStale);
        }
        Path dir = Files.createDirectory(parent.resolve(UUID.randomUUID().toString()));
        Files.writeString(dir.resolve(OWNER_FILE), processId(ProcessHandle.current()));
        return dir;
    }

    /** Records the server process started in {@code dir}, so a later run can kill it if this JVM dies first. */
    static void recordServer(Path dir, ProcessHandle server) throws IOException {
        Files.writeString(dir.resolve(SERVER_FILE), processId(server));
    }

    private static boolean isStale(Path dir) {
        Path owner = dir.resolve(OWNER_FILE);
        try {
            if (!Files.exists(owner)) {
                // a directory without owner is either being created right now or not ours to judge
                return Files.getLastModifiedTime(dir).toInstant().isBefore(Instant.now().minus(Duration.ofMinutes(1)));
            }
            return findProcess(Files.readString(owner)).isEmpty();
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    private static void deleteStale(Path dir) {
        try {
            Path server = dir.resolve(SERVER_FILE);
            if (Files.exists(server)) {
                findProcess(Files.readString(server)).ifPresent(ServerSupport::kill);
            }
            deleteTree(dir);
        } catch (IOException e) {
            // best effort: a leftover directory only costs disk space
        }
    }

    /** Deletes {@code dir} and everything in it, if it exists. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Process ids are reused, so a process is identified by its pid plus its start time. */
    static String processId(ProcessHandle process) {
        return process.pid() + " " + process.info().startInstant().map(Instant::toString).orElse("?");
    }

    static Optional<ProcessHandle> findProcess(String id) {
        return id == null ? Optional.empty() : ProcessHandle.of(Long.parseLong(id.split(" ")[0]))
                .filter(p -> p.isAlive() && processId(p).equals(id));
    }

    static void kill(ProcessHandle process) {
        process.destroyForcibly();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Process " + process.pid() + " did not exit", e);
        }
    }

    /** Waits until {@code port} accepts connections, failing early if {@code process} dies. */
    static void awaitPort(String host, int port, ProcessHandle process, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!accepts(host, port)) {
            if (process != null && !process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("Server on port " + port + " did not start:\n" + tail(log));
            }
            Thread.sleep(50);
        }
    }

    /** Whether something accepts connections on {@code host:port} (within 500 ms). */
    static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }
}
