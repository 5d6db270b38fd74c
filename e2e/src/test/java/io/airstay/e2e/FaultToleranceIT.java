package io.airstay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fast part of the fault-injection suite ({@code ./airstay chaos}) against a whole platform under traffic: a crash
 * of one search replica and of availability-service, a Redis freeze and a Redis restart without data, the read
 * replica of PostgreSQL stopped, a short Kafka outage, an immediate PostgreSQL stop, and the outbox relay killed
 * between sending a batch and marking it sent. The command itself fails when a promise breaks; this test also reads
 * its report.
 */
class FaultToleranceIT {

    private static final List<String> FAULTS = List.of("kill-search-service-2", "kill-availability-service", "redis-pause",
            "redis-restart-empty", "replica-down", "kafka-down", "postgres-immediate", "outbox-relay-kill");

    @BeforeAll
    static void startPlatform() throws Exception {
        Stack.up();
    }

    @Test
    void everyPromiseHoldsThroughEachFault() throws Exception {
        Path out = Stack.LOCAL.resolve("chaos");
        // Light traffic and patient clients: two cores carry the whole platform, the traffic and the build, and a
        // slow answer is the benchmark's business; these are about answers lost, not late.
        Stack.airstay("chaos", "--faults", String.join(",", FAULTS), "--reads", "12", "--bookings", "3",
                "--timeout", "30", "--probe-timeout-ms", "2000", "--kafka-down", "5", "--redis-pause", "4",
                "--out", out.toString());

        Map<String, Map<String, String>> rows = table(out.resolve("latest.md"));
        for (String fault : FAULTS) {
            Map<String, String> row = rows.get(fault);
            assertEquals("yes", row.get("kept"), fault + ": " + row);
            assertEquals("0", row.get("lost"), fault);
            assertEquals("0", row.get("duplicated"), fault);
            assertEquals("0", row.get("invariant violations"), fault);
        }
        for (String readsNeverFail : List.of("redis-pause", "redis-restart-empty", "replica-down")) {
            assertEquals("0.0 / 0.0", rows.get(readsNeverFail).get("longest error window: reads / bookings (s)"), readsNeverFail);
        }
        // the relay's batch reached Kafka twice, and consumers recognised the second copy
        assertTrue(Long.parseLong(rows.get("outbox-relay-kill").get("events redelivered, skipped")) > 0,
                rows.get("outbox-relay-kill").toString());
    }

    /** The report's table: the cells of each row by column heading, rows by fault. */
    private static Map<String, Map<String, String>> table(Path report) throws Exception {
        List<String> lines = Files.readAllLines(report).stream().filter(line -> line.startsWith("|")).toList();
        List<String> headings = cells(lines.get(0));
        Map<String, Map<String, String>> rows = new HashMap<>();
        for (String line : lines.subList(2, lines.size())) {
            List<String> cells = cells(line);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < headings.size(); i++) {
                row.put(headings.get(i), cells.get(i));
            }
            rows.put(row.get("fault"), row);
        }
        return rows;
    }

    private static List<String> cells(String line) {
        return Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::trim).toList();
    }
}
