package io.airstay.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.airstay.platform.testing.FreePorts;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Stoplight Prism (npm @stoplight/prism-cli, installed under target/ by {@code npm ci}) as a validating proxy in front
 * of the gateway: the API traffic of the end-to-end tests goes through it, and it checks every request and response
 * against docs/openapi.yaml, reporting what does not match in the {@code sl-violations} response header. As a
 * RestAssured filter, this fails the request that got a violation; traffic sent straight to the gateway (health
 * checks, the flood of the rate-limit test) is not its concern. Requests a test sends invalid on purpose are marked
 * with {@link #invalidRequest}: they must be reported as invalid, and their answers must still match the document.
 */
final class ContractValidator implements Filter {

    static final String VIOLATIONS_HEADER = "sl-violations";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadLocal<Boolean> INVALID_ON_PURPOSE = ThreadLocal.withInitial(() -> false);

    private final Process prism;
    private final int port;
    private final AtomicInteger exchanges = new AtomicInteger();
    private final AtomicInteger invalidOnPurpose = new AtomicInteger();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    private ContractValidator(Process prism, int port) {
        this.prism = prism;
        this.port = port;
    }

    /** Installs Prism (once per target/ directory) and starts it as a proxy of {@code upstream} on a free port. */
    static ContractValidator start(Path root, String upstream, Path work) throws IOException, InterruptedException {
        Path node = work.resolve("prism");
        Files.createDirectories(node);
        for (String file : List.of("package.json", "package-lock.json")) {
            Files.copy(root.resolve("e2e/src/test/node").resolve(file), node.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isExecutable(node.resolve("node_modules/.bin/prism"))) {
            run(node, List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"));
        }
        int port = FreePorts.any();
        Path log = work.resolve("prism.log");
        Process prism = new ProcessBuilder(node.resolve("node_modules/.bin/prism").toString(), "proxy",
                root.resolve("docs/openapi.yaml").toString(), upstream, "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--verboseLevel", "warn")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!listening(port)) {
            if (!prism.isAlive() || Instant.now().isAfter(deadline)) {
                prism.destroyForcibly();
                throw new IllegalStateException("Prism did not start:\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
        return new ContractValidator(prism, port);
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Sends a request that is invalid on purpose: Prism must say so, and the answer must match the document. */
    static <T> T invalidRequest(Supplier<T> request) {
        INVALID_ON_PURPOSE.set(true);
        try {
            return request.get();
        } finally {
            INVALID_ON_PURPOSE.set(false);
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext context) {
        Response answer = context.next(request, response);
        if (request.getPort() == port) {
            check(request.getMethod() + " " + request.getURI() + " -> " + answer.statusCode(), answer.header(VIOLATIONS_HEADER),
                    INVALID_ON_PURPOSE.get());
        }
        return answer;
    }

    /** Records one exchange through Prism with its sl-violations header (null when none), failing on a violation. */
    void check(String exchange, String violationsHeader, boolean requestInvalidOnPurpose) {
        exchanges.incrementAndGet();
        List<String> ofRequest = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        if (violationsHeader != null) {
            try {
                for (JsonNode violation : JSON.readTree(violationsHeader)) {
                    String location = String.join(".", JSON.convertValue(violation.path("location"), String[].class));
                    String described = violation.path("severity").asText() + " at " + location + ": " + violation.path("message").asText();
                    (location.startsWith("request") ? ofRequest : unexpected).add(described);
                }
            } catch (IOException e) {
                unexpected.add("unreadable " + VIOLATIONS_HEADER + ": " + violationsHeader);
            }
        }
        if (!requestInvalidOnPurpose) {
            unexpected.addAll(0, ofRequest);
        } else {
            invalidOnPurpose.incrementAndGet();
            if (ofRequest.isEmpty()) {
                unexpected.add("the request is invalid on purpose, but the document accepts it");
            }
        }
        if (!unexpected.isEmpty()) {
            String failure = exchange + ": " + unexpected;
            violations.add(failure);
            throw new AssertionError("The exchange does not match docs/openapi.yaml: " + failure);
        }
    }

    int exchanges() {
        return exchanges.get();
    }

    int invalidOnPurpose() {
        return invalidOnPurpose.get();
    }

    List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    void stop() throws InterruptedException {
        prism.destroy();
        if (!prism.waitFor(10, TimeUnit.SECONDS)) {
            prism.destroyForcibly();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(Path directory, List<String> command) throws IOException, InterruptedException {
        Path log = directory.resolve("install.log");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new UncheckedIOException(new IOException(String.join(" ", command) + " failed:\n" + Files.readString(log)));
        }
    }
}
