package io.airstay.localstack.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.airstay.localstack.chaos.Faults.Fault;
import io.airstay.localstack.chaos.Traffic.Exchange;
import io.airstay.localstack.chaos.Traffic.Kind;

/** The chaos run's report: a markdown table, one row per fault, with the findings of every broken promise below it. */
final class Report {

    /**
     * One fault's phase: the exchanges, in start order, that started from the phase's start (5 s before the fault) until the traffic paused, how often a
     * service dropped out of readiness while it lasted, how many events consumers received again and skipped, and
     * what the invariants found once the traffic had paused.
     */
    record Row(Fault fault, List<Exchange> exchanges, long injected, long recovered, long paused, long settled,
            int readinessLost, long redelivered, Invariants.Result result) {

        List<Exchange> exchanges(Kind kind) {
            return exchanges.stream().filter(exchange -> exchange.kind() == kind).toList();
        }

        long requests() {
            return exchanges.size();
        }

        /** Failed exchanges (no answer, 5xx) by status, over every kind. */
        Map<String, Long> errors() {
            return exchanges.stream().filter(Exchange::failed)
                    .collect(Collectors.groupingBy(exchange -> exchange.status() == 0 ? "no answer" : Integer.toString(exchange.status()),
                            TreeMap::new, Collectors.counting()));
        }

        long readErrors() {
            return exchanges(Kind.READ).stream().filter(Exchange::failed).count();
        }

        /**
         * The longest time a kind of request kept failing: from the start of the first failure of a run of failures
         * to the end of the last one, with no success of that kind in between.
         */
        double longestErrorWindow(Kind kind) {
            long longest = 0;
            Long firstFailure = null;
            for (Exchange exchange : exchanges(kind)) {
                if (exchange.failed()) {
                    if (firstFailure == null) {
                        firstFailure = exchange.startNanos();
                    }
                    longest = Math.max(longest, exchange.endNanos() - firstFailure);
                } else {
                    firstFailure = null;
                }
            }
            return Chaos.seconds(longest);
        }

        boolean promisesKept() {
            return result.clean() && !(fault.readsMustSucceed() && readErrors() > 0)
                    && !(fault.servicesStayReady() && readinessLost > 0);
        }
    }

    private final List<Row> rows;

    Report(List<Row> rows) {
        this.rows = rows;
    }

    /** Writes chaos-STAMP.md and latest.md into the directory; returns the first. */
    Path write(Path directory, String stamp) throws Exception {
        Files.createDirectories(directory);
        Path report = directory.resolve("chaos-" + stamp + ".md");
        Files.writeString(report, markdown());
        Files.copy(report, directory.resolve("latest.md"), StandardCopyOption.REPLACE_EXISTING);
        return report;
    }

    String markdown() {
        StringBuilder text = new StringBuilder("""
                | fault | requests | errors by status | longest error window: reads / bookings (s) | lost | duplicated | \
                invariant violations | readiness lost | events redelivered, skipped | back after (s) | promises held after (s) | kept |
                |---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|
                """);
        for (Row row : rows) {
            Map<String, Long> errors = row.errors();
            text.append(String.format(Locale.ROOT, "| %s | %d | %s | %.1f / %.1f | %d | %d | %d | %d | %d | %.1f | %.1f | %s |%n",
                    row.fault().name(), row.requests(),
                    errors.isEmpty() ? "none" : errors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                            .collect(Collectors.joining(", ")),
                    row.longestErrorWindow(Kind.READ), row.longestErrorWindow(Kind.BOOKING),
                    row.result().lost(), row.result().duplicated(), row.result().violations(), row.readinessLost(), row.redelivered(),
                    Chaos.seconds(row.recovered() - row.injected()), Chaos.seconds(row.settled() - row.paused()),
                    row.promisesKept() ? "yes" : "**NO**"));
        }
        text.append("""

                Errors: exchanges without an answer (refused, reset, 5 s timeout) or answered 5xx; a client retries a \
                booking with the same Idempotency-Key. An error window runs from the start of the first failure of a \
                kind of request to the end of the last one before a success. Readiness lost: a service failed three \
                readiness probes in a row (Kubernetes would take it out of its Service). Back after: from the injection \
                until the process was back and ready. Promises held after: from the pause of new traffic until \
                every check passed. Lost: accepted bookings missing or never settled, and counter updates missing in \
                search; duplicated: counter updates applied twice.

                """);
        for (Row row : rows) {
            text.append("- `").append(row.fault().name()).append("`: ").append(row.fault().description());
            if (row.fault().readsMustSucceed()) {
                text.append("; every read must succeed");
            }
            if (row.fault().servicesStayReady()) {
                text.append("; every service must stay ready");
            }
            row.result().details().forEach(detail -> text.append("\n  - ").append(detail));
            if (row.fault().readsMustSucceed() && row.readErrors() > 0) {
                text.append("\n  - ").append(row.readErrors()).append(" reads failed");
            }
            text.append("\n");
        }
        return text.toString();
    }
}
