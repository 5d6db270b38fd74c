package io.airstay.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole platform, started and stopped by the README's own command ({@code ./airstay up -d} / {@code down}),
 * in a directory and on ports of its own (offset 10000) so that it can run beside a developer's stack.
 */
final class Stack {

    static final int OFFSET = 10_000;
    static final String GATEWAY = "http://localhost:" + (8080 + OFFSET);
    static final String BOOKING_DIRECT = "http://localhost:" + (8082 + OFFSET);
    static final String OPERATOR_TOKEN = "e2e-operator";

    private static final Path ROOT = Path.of(System.getProperty("airstay.root", "..")).toAbsolutePath().normalize();
    static final Path LOCAL = ROOT.resolve("e2e/target/stack");

    private Stack() {
    }

    static void up() throws Exception {
        run(List.of("./airstay", "down"));
        run(List.of("./airstay", "up", "-d"));
    }

    static void down() throws Exception {
        run(List.of("./airstay", "down"));
    }

    /** The pid of a component, as ./airstay recorded it. */
    static long pid(String component) throws IOException {
        return Long.parseLong(Files.readString(LOCAL.resolve("pids/" + component + ".pid")).trim().split(" ")[0]);
    }

    static Path accessLog() {
        return LOCAL.resolve("nginx/logs/access.log");
    }

    private static void run(List<String> command) throws Exception {
        Files.createDirectories(LOCAL);
        Path log = LOCAL.resolve("airstay-" + command.get(1) + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(Map.of(
                "AIRSTAY_LOCAL", LOCAL.toString(),
                "AIRSTAY_PORT_OFFSET", Integer.toString(OFFSET),
                "AIRSTAY_OPERATOR_TOKEN", OPERATOR_TOKEN,
                "AIRSTAY_DEMO_LISTINGS", "0",
                "AIRSTAY_READY_TIMEOUT", "400"));
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(log));
        }
    }
}
