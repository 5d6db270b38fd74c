package io.airstay.k8s;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The repository, the scratch directory under target/, and the command-line tools the checks run. */
final class Tools {

    static final Path ROOT = Path.of(System.getProperty("airstay.root", "../..")).toAbsolutePath().normalize();
    static final Path WORK = Path.of(System.getProperty("airstay.work", "target/checks")).toAbsolutePath();

    record Result(int exitCode, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }
    }

    private Tools() {
    }

    /** Runs a command to completion; a tool missing from the PATH fails the test, never skips it. */
    static Result run(Path directory, List<String> command) {
        requireOnPath(command.get(0));
        try {
            Files.createDirectories(WORK);
            File out = File.createTempFile("out", ".txt", WORK.toFile());
            File err = File.createTempFile("err", ".txt", WORK.toFile());
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(out).redirectError(err).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("timed out: " + command);
            }
            Result result = new Result(process.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
            Files.delete(out.toPath());
            Files.delete(err.toPath());
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command that must succeed, and answers its standard output. */
    static String succeed(Path directory, List<String> command) {
        Result result = run(directory, command);
        if (result.exitCode() != 0) {
            fail(String.join(" ", command) + " exited " + result.exitCode() + ":\n" + result.output());
        }
        return result.stdout();
    }

    private static void requireOnPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return;
            }
        }
        fail(tool + " is not on the PATH: these checks need kubectl, node/npm and promtool (./airstay test installs them)");
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
