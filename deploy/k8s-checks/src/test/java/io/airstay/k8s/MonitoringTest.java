package io.airstay.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * deploy/monitoring: promtool checks the plain Prometheus configuration and the rules, and runs the rules' unit
 * tests; every alert has a case that fires it and one that does not; the rules and the dashboard use metrics
 * the services really register.
 */
class MonitoringTest {

    private static final Path MONITORING = Tools.ROOT.resolve("deploy/monitoring");
    private static final Path OUT = Tools.WORK.resolve("monitoring");
    private static final Set<String> ALERTS = Set.of("AirStayLatencyP95High", "AirStayLatencyP99High", "AirStayErrorRateHigh",
            "AirStayCacheHitRateLow", "AirStayNearCacheOff", "AirStayThroughputCollapse", "AirStayKafkaConsumerLag",
            "AirStayOutboxBacklog", "AirStayConnectionPoolExhausted", "AirStayBookingsPendingPastDeadline", "AirStayDeadLetters",
            "AirStayReadReplicaLag", "AirStayReadReplicaDown");

    private static JsonNode rules;

    /** The PrometheusRule's spec is the plain rule file: written next to prometheus.yml and the tests for promtool. */
    @BeforeAll
    static void writeRuleFile() throws IOException {
        Files.createDirectories(OUT);
        rules = Rendered.YAML.readTree(MONITORING.resolve("prometheus-rules.yaml").toFile()).path("spec");
        Rendered.YAML.writeValue(OUT.resolve("airstay.rules.yml").toFile(), rules);
        Files.copy(MONITORING.resolve("prometheus.yml"), OUT.resolve("prometheus.yml"), StandardCopyOption.REPLACE_EXISTING);
        try (Stream<Path> tests = Files.list(MONITORING.resolve("tests"))) {
            for (Path test : tests.toList()) {
                Files.copy(test, OUT.resolve(test.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void promtoolAcceptsTheConfigurationAndTheRules() {
        Tools.succeed(OUT, List.of("promtool", "check", "config", "prometheus.yml"));
        Tools.succeed(OUT, List.of("promtool", "check", "rules", "airstay.rules.yml"));
    }

    @Test
    void theRulesPassTheirUnitTests() throws IOException {
        List<String> command = new ArrayList<>(List.of("promtool", "test", "rules"));
        try (Stream<Path> tests = Files.list(MONITORING.resolve("tests"))) {
            tests.map(t -> t.getFileName().toString()).sorted().forEach(command::add);
        }
        Tools.Result result = Tools.run(OUT, command);
        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void everyAlertIsTestedFiringAndQuiet() throws IOException {
        Set<String> alerts = new TreeSet<>();
        rules.path("groups").forEach(g -> g.path("rules").forEach(r -> {
            if (r.has("alert")) {
                alerts.add(r.path("alert").asText());
            }
        }));
        assertEquals(new TreeSet<>(ALERTS), alerts);
        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        try (Stream<Path> tests = Files.list(MONITORING.resolve("tests"))) {
            for (Path file : tests.toList()) {
                Rendered.YAML.readTree(file.toFile()).path("tests").forEach(t -> t.path("alert_rule_test").forEach(c ->
                        (c.path("exp_alerts").isEmpty() ? quiet : firing).add(c.path("alertname").asText())));
            }
        }
        assertEquals(alerts, firing, "alerts with a firing case");
        assertEquals(alerts, quiet, "alerts with a quiet case");
    }

    /** airstay_outbox_backlog, cache_gets_total, ...: each must be a meter name ("airstay.outbox.backlog") in the sources. */
    @Test
    void customMetricsInRulesAndDashboardAreRegisteredByTheServices() throws IOException {
        String queries = rules.toString() + Tools.read(MONITORING.resolve("grafana/airstay.json"));
        Set<String> meters = new TreeSet<>();
        Matcher metric = Pattern.compile("\\b((?:airstay|cache)_[a-z_]+)").matcher(queries);
        while (metric.find()) {
            meters.add(metric.group(1).replaceAll("_(total|seconds_bucket|seconds_count|seconds_sum)$", "").replace('_', '.'));
        }
        assertTrue(meters.containsAll(Set.of("airstay.outbox.backlog", "cache.gets", "airstay.booking.outcomes")), meters.toString());
        StringBuilder sources = new StringBuilder();
        try (Stream<Path> files = Files.walk(Tools.ROOT)) {
            files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/"))
                    .forEach(f -> sources.append(Tools.read(f)));
        }
        List<String> unknown = meters.stream().filter(m -> !sources.toString().contains("\"" + m + "\"")).toList();
        assertEquals(List.of(), unknown);
    }

    /** The services serve /q/metrics on their management port only (quarkus.management.enabled): Prometheus scrapes that. */
    @Test
    void prometheusScrapesTheServicesManagementPort() throws IOException {
        Rendered prod = Rendered.of("k8s/overlays/prod");
        JsonNode monitor = prod.find("PodMonitor", "airstay-services").orElseThrow();
        assertEquals("management", monitor.at("/spec/podMetricsEndpoints/0/port").asText());
        assertEquals("/q/metrics", monitor.at("/spec/podMetricsEndpoints/0/path").asText());
        prod.templates().filter(pod -> "service".equals(pod.labels().get("app.kubernetes.io/component"))).forEach(pod ->
                assertTrue(pod.spec().path("containers").get(0).path("ports").findValuesAsText("name").contains("management"), pod.owner()));
        JsonNode services = null;
        for (JsonNode job : Rendered.YAML.readTree(MONITORING.resolve("prometheus.yml").toFile()).path("scrape_configs")) {
            if (job.path("job_name").asText().equals("airstay-services")) {
                services = job;
            }
        }
        assertTrue(services != null, "prometheus.yml has no job airstay-services");
        assertEquals("/q/metrics", services.path("metrics_path").asText());
        assertEquals(9000, services.at("/dns_sd_configs/0/port").asInt());
    }

    @Test
    void theDashboardShowsWhatOperatorsWatch() throws IOException {
        JsonNode dashboard = Rendered.JSON.readTree(MONITORING.resolve("grafana/airstay.json").toFile());
        String queries = dashboard.path("panels").findValues("expr").toString();
        for (String metric : List.of("http_server_requests_seconds_count", "http_server_requests_seconds_bucket", "cache_gets_total",
                "agroal_active_count", "kafka_consumer_fetch_manager_records_lag_max", "airstay_outbox_backlog",
                "airstay_booking_outcomes_total")) {
            assertTrue(queries.contains(metric), "no panel shows " + metric);
        }
        assertTrue(queries.contains("by (service, method, uri"), "per-route panels");
        // Provisioned through the prod overlay for Grafana's dashboard sidecar, with the rules and the monitors.
        Rendered prod = Rendered.of("k8s/overlays/prod");
        JsonNode configMap = prod.find("ConfigMap", "airstay-grafana-dashboard").orElseThrow();
        assertEquals("1", configMap.at("/metadata/labels/grafana_dashboard").asText());
        assertEquals(dashboard, Rendered.JSON.readTree(configMap.at("/data/airstay.json").asText()));
        assertTrue(prod.find("PrometheusRule", "airstay").isPresent());
        assertEquals(3, prod.kind("PodMonitor").count());
    }
}
