package io.airstay.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.airstay.platform.testing.FreePorts;
import io.airstay.platform.testing.TokenIssuer;

/**
 * The whole platform, started and stopped by the README's own command ({@code ./airstay up -d} / {@code down}),
 * in a directory of its own and on free ports chosen when the tests start, so that it runs beside a developer's stack
 * and beside the tests of another checkout.
 */
final class Stack {

    /** Every port the stack listens on, by the {@code ./airstay} variable that sets it. */
    private static final Map<String, Integer> PORTS = freePorts("AIRSTAY_GATEWAY_PORT", "AIRSTAY_SEARCH_PORT",
            "AIRSTAY_SEARCH_2_PORT", "AIRSTAY_BOOKING_PORT", "AIRSTAY_REVIEW_PORT", "AIRSTAY_AVAILABILITY_PORT",
            "AIRSTAY_SEARCH_MANAGEMENT_PORT", "AIRSTAY_SEARCH_2_MANAGEMENT_PORT", "AIRSTAY_BOOKING_MANAGEMENT_PORT",
            "AIRSTAY_REVIEW_MANAGEMENT_PORT", "AIRSTAY_AVAILABILITY_MANAGEMENT_PORT",
            "AIRSTAY_PG_PORT", "AIRSTAY_PG_REPLICA_PORT", "AIRSTAY_REDIS_PORT", "AIRSTAY_KAFKA_PORT");
    static final int GATEWAY_PORT = PORTS.get("AIRSTAY_GATEWAY_PORT");
    static final int BOOKING_PORT = PORTS.get("AIRSTAY_BOOKING_PORT");
    static final String GATEWAY = "http://localhost:" + GATEWAY_PORT;
    static final String BOOKING_DIRECT = "http://localhost:" + BOOKING_PORT;

    private static final Path ROOT = Path.of(System.getProperty("airstay.root", "..")).toAbsolutePath().normalize();
    static final Path LOCAL = ROOT.resolve("e2e/target/stack");

    private static boolean started;

    private Stack() {
    }

    /**
     * Starts the stack once for every test class of this JVM (starting it takes a minute), with empty databases,
     * after stopping what an interrupted run may have left; it stops when the JVM exits.
     */
    static synchronized void up() throws Exception {
        if (started) {
            return;
        }
        run(List.of("./airstay", "down"));
        deleteRecursively(LOCAL);
        run(List.of("./airstay", "up", "-d"));
        started = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                run(List.of("./airstay", "down"));
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, "stack-down"));
    }

    /** "Bearer ..." for a user with these roles, signed with the key pair `up` created in the stack's folder. */
    static String bearer(UUID user, String... roles) {
        return "Bearer " + TokenIssuer.inDirectory(LOCAL.resolve("jwt")).token(user, List.of(roles), Duration.ofMinutes(30));
    }

    /** Runs {@code ./airstay} with these arguments against the stack (e.g. kill or restart one service process). */
    static void airstay(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("./airstay"));
        command.addAll(List.of(arguments));
        run(command);
    }

    static Path accessLog() {
        return LOCAL.resolve("nginx/logs/access.log");
    }

    private static void run(List<String> command) throws Exception {
        Files.createDirectories(LOCAL);
        Path log = LOCAL.resolve("airstay-" + command.get(1) + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        PORTS.forEach((variable, port) -> builder.environment().put(variable, Integer.toString(port)));
        builder.environment().putAll(Map.of(
                "AIRSTAY_LOCAL", LOCAL.toString(),
                "AIRSTAY_DEMO_LISTINGS", "0",
                "AIRSTAY_READY_TIMEOUT", "400"));
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(log));
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Distinct ports that are free now, by variable. */
    private static Map<String, Integer> freePorts(String... variables) {
        int[] ports = FreePorts.distinct(variables.length);
        Map<String, Integer> byVariable = new LinkedHashMap<>();
        for (int i = 0; i < variables.length; i++) {
            byVariable.put(variables[i], ports[i]);
        }
        return byVariable;
    }
}
