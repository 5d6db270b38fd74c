package io.airstay.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The gateway in the cluster routes like gateway/: every API path (docs/api.md#resources) reaches the service that
 * owns it (nginx's location rules applied to gateway/routes.conf), and each upstream resolves that service's
 * headless Service. The gateway serves the API document itself, from where both its image and local runs put it.
 */
class GatewayRoutesTest {

    private static final String SAMPLE_ID = "3f2b8c1e-7d4a-4e59-9c61-2a8f0b7d5e13";
    private static final Pattern LOCATION = Pattern.compile("location\\s+(=|~\\*|~|\\^~)?\\s*([^\\s{]+)\\s*\\{([^}]*)}");
    private static final Pattern PROXY_PASS = Pattern.compile("proxy_pass\\s+http://(\\w+)_service");

    record Location(String modifier, String pattern, String upstream, String body) {
    }

    /**
     * The API's paths, each with the service that owns it; "{id}" stands for any listing or booking id.
     */
    static final Map<String, String> API_PATHS = apiPaths(
            "/api/v1/properties/search", "search",
            "/api/v1/properties/{id}", "search",
            "/api/v1/properties", "search",
            "/api/v1/properties/{id}/stats", "search",
            "/api/v1/markets/Miami/stats", "search",
            "/api/v1/properties/{id}/availability", "availability",
            "/api/v1/bookings", "booking",
            "/api/v1/bookings/{id}", "booking",
            "/api/v1/bookings/{id}/cancel", "booking",
            "/api/v1/properties/{id}/reviews", "review",
            "/api/v1/properties/{id}/reviews/summary", "review");

    private static Map<String, String> apiPaths(String... pathsAndOwners) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndOwners.length; i += 2) {
            paths.put(pathsAndOwners[i].replace("{id}", SAMPLE_ID), pathsAndOwners[i + 1]);
        }
        return paths;
    }

    static List<Location> locations() {
        List<Location> locations = new ArrayList<>();
        Matcher m = LOCATION.matcher(Tools.read(Tools.ROOT.resolve("gateway/routes.conf")));
        while (m.find()) {
            Matcher upstream = PROXY_PASS.matcher(m.group(3));
            locations.add(new Location(m.group(1) == null ? "" : m.group(1), m.group(2), upstream.find() ? upstream.group(1) : null,
                    m.group(3)));
        }
        return locations;
    }

    /** nginx's choice: an exact match; else the longest prefix unless a regex (in file order) matches, "^~" excepted. */
    static Optional<Location> route(List<Location> locations, String uri) {
        Optional<Location> exact = locations.stream().filter(l -> l.modifier().equals("=") && l.pattern().equals(uri)).findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        Optional<Location> prefix = locations.stream()
                .filter(l -> (l.modifier().isEmpty() || l.modifier().equals("^~")) && !l.pattern().startsWith("@") && uri.startsWith(l.pattern()))
                .max(Comparator.comparingInt(l -> l.pattern().length()));
        if (prefix.isPresent() && prefix.get().modifier().equals("^~")) {
            return prefix;
        }
        Optional<Location> regex = locations.stream().filter(l -> l.modifier().startsWith("~")
                && Pattern.compile(l.pattern(), l.modifier().equals("~*") ? Pattern.CASE_INSENSITIVE : 0).matcher(uri).find()).findFirst();
        return regex.isPresent() ? regex : prefix;
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void everyApiPathReachesTheHeadlessServiceOfItsOwner(String directory) {
        Rendered rendered = Rendered.of(directory);
        ObjectNode gateway = rendered.find("Deployment", "gateway").orElseThrow();
        Map<String, String> env = new LinkedHashMap<>();
        gateway.at("/spec/template/spec/containers/0/env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        List<Location> locations = locations();
        List<String> problems = new ArrayList<>();
        API_PATHS.forEach((path, owner) -> {
            String upstream = route(locations, path).map(Location::upstream).orElse(null);
            if (!owner.equals(upstream)) {
                problems.add(path + " -> " + upstream + ", owned by " + owner);
                return;
            }
            String servers = env.getOrDefault("AIRSTAY_" + owner.toUpperCase() + "_SERVERS", "");
            String headless = owner + "-service-headless";
            if (!servers.contains("server " + headless + ".$(POD_NAMESPACE).svc.$(CLUSTER_DOMAIN):8080 resolve")) {
                problems.add(path + ": upstream " + owner + " is not " + headless + " with resolve: " + servers);
            }
            Optional<ObjectNode> service = rendered.find("Service", headless);
            JsonNode spec = service.map(s -> s.path("spec")).orElse(null);
            if (spec == null || !"None".equals(spec.path("clusterIP").asText()) || spec.at("/ports/0/port").asInt() != 8080
                    || rendered.templates().noneMatch(pod -> pod.owner().equals("Deployment/" + owner + "-service")
                            && Rendered.selects(spec.path("selector"), pod.labels(), true))) {
                problems.add(path + ": no headless Service " + headless + " over " + owner + "-service's pods on 8080");
            }
        });
        assertEquals(List.of(), problems);
        // The upstream lines need a zone and a resolver in each upstream block.
        assertTrue(env.get("AIRSTAY_UPSTREAM_DNS").matches("zone \\S+ \\S+; resolver \\S+ valid=\\S+; resolver_timeout \\S+;"));
    }

    /**
     * /readyz asks each service's /q/health/ready, which the services serve on their management interface (port 9000
     * in the cluster) and not on their API port: an upstream per service over the same headless Service, on 9000.
     */
    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void readinessAsksEveryServicesManagementPort(String directory) {
        Location check = route(locations(), "/_ready/search").orElseThrow();
        assertTrue(check.body().contains("internal;"), check.body());
        assertTrue(check.body().contains("proxy_pass http://$1_management/q/health/ready;"), check.body());
        String template = Tools.read(Tools.ROOT.resolve("gateway/templates/airstay.conf.template"));
        Rendered rendered = Rendered.of(directory);
        ObjectNode gateway = rendered.find("Deployment", "gateway").orElseThrow();
        Map<String, String> env = new LinkedHashMap<>();
        gateway.at("/spec/template/spec/containers/0/env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        List<String> problems = new ArrayList<>();
        for (String service : Rendered.SERVICES) {
            String variable = "AIRSTAY_" + service.toUpperCase() + "_MANAGEMENT_SERVERS";
            if (!Pattern.compile("upstream " + service + "_management \\{\\s*\\$\\{" + variable + "}").matcher(template).find()) {
                problems.add("the template has no upstream " + service + "_management over ${" + variable + "}");
            }
            String servers = env.getOrDefault(variable, "");
            if (!servers.contains("server " + service + "-service-headless.$(POD_NAMESPACE).svc.$(CLUSTER_DOMAIN):9000 resolve")) {
                problems.add(variable + " is not " + service + "-service-headless:9000 with resolve: " + servers);
            }
            if (rendered.templates().noneMatch(pod -> pod.owner().equals("Deployment/" + service + "-service")
                    && hasPort(pod.spec().path("containers").get(0), "management", 9000))) {
                problems.add(service + "-service's pods have no port management 9000");
            }
        }
        assertEquals(List.of(), problems);
    }

    private static boolean hasPort(JsonNode container, String name, int number) {
        for (JsonNode port : container.path("ports")) {
            if (port.path("name").asText().equals(name) && port.path("containerPort").asInt() == number) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theApiDocumentComesFromTheGatewayAndItsBrowsableViewFromSearchService() {
        List<Location> locations = locations();
        Location document = route(locations, "/openapi").orElseThrow();
        assertEquals(null, document.upstream());
        Matcher alias = Pattern.compile("alias\\s+([^;\\s]+);").matcher(document.body());
        assertTrue(alias.find(), "/openapi is served from a file: " + document.body());
        String file = alias.group(1);
        // Relative to nginx's prefix: /etc/nginx in the image, the rendered directory locally.
        Matcher copy = Pattern.compile("(?m)^COPY\\s+(.*)\\s+(\\S+)$").matcher(Tools.read(Tools.ROOT.resolve("gateway/Dockerfile")));
        boolean copied = false;
        while (copy.find()) {
            copied |= List.of(copy.group(1).split("\\s+")).contains("docs/openapi.yaml")
                    && (copy.group(2).equals("/etc/nginx/" + file) || copy.group(2).endsWith("/")
                            && (copy.group(2) + "openapi.yaml").equals("/etc/nginx/" + file));
        }
        assertTrue(copied, "gateway/Dockerfile copies docs/openapi.yaml to /etc/nginx/" + file);
        assertTrue(Tools.read(Tools.ROOT.resolve("gateway/Dockerfile.dockerignore")).contains("!docs/openapi.yaml"));
        assertTrue(Tools.read(Tools.ROOT.resolve("gateway/render")).contains("\"$prefix/" + file + "\""),
                "gateway/render puts docs/openapi.yaml at $prefix/" + file);

        for (String path : List.of("/docs", "/docs/", "/docs/index.html")) {
            assertEquals("search", route(locations, path).map(Location::upstream).orElse(null), path);
        }
        assertEquals(null, route(locations, "/docsearch").map(Location::upstream).orElse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/nowhere", "/q/metrics", "/api/v2/properties"})
    void pathsOutsideTheApiReachNoService(String path) {
        assertEquals(null, route(locations(), path).map(Location::upstream).orElse(null));
    }

    /** booking-service's operator import (and any other path under /internal) is reachable through no gateway route. */
    @Test
    void theServicesInternalPathsReachNoService() {
        List<String> paths = new ArrayList<>();
        for (String service : Rendered.SERVICES) {
            ServiceFacts.sources(service + "-service").values().forEach(source -> {
                Matcher resource = Pattern.compile("(?m)^@Path\\(\"(/internal[^\"]*)\"\\)").matcher(source);
                if (resource.find()) {
                    Matcher method = Pattern.compile("(?m)^\\s+@Path\\(\"([^\"]*)\"\\)").matcher(source);
                    paths.add(resource.group(1));
                    while (method.find()) {
                        paths.add(resource.group(1) + method.group(1));
                    }
                }
            });
        }
        assertTrue(paths.contains("/internal/v1/bookings/import"), paths.toString());
        List<Location> locations = locations();
        for (String path : paths) {
            assertEquals(null, route(locations, path).map(Location::upstream).orElse(null), path);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void theImageCanResolveUpstreamsAndEveryTemplateVariableIsSet(String directory) {
        String dockerfile = Tools.read(Tools.ROOT.resolve("gateway/Dockerfile"));
        Matcher from = Pattern.compile("(?m)^FROM nginx:(\\d+)\\.(\\d+)\\.(\\d+)-alpine$").matcher(dockerfile);
        if (!from.find()) {
            fail("gateway/Dockerfile: FROM nginx:<major.minor.patch>-alpine expected");
        }
        int version = Integer.parseInt(from.group(1)) * 10000 + Integer.parseInt(from.group(2)) * 100 + Integer.parseInt(from.group(3));
        assertTrue(version >= 12703, "upstream servers with \"resolve\" need nginx >= 1.27.3");

        ObjectNode gateway = Rendered.of(directory).find("Deployment", "gateway").orElseThrow();
        String env = gateway.at("/spec/template/spec/containers/0/env").toString();
        Matcher variable = Pattern.compile("\\$\\{(AIRSTAY_\\w+)}").matcher(Tools.read(Tools.ROOT.resolve("gateway/templates/airstay.conf.template")));
        while (variable.find()) {
            String name = variable.group(1);
            assertTrue(dockerfile.contains(name + "=") || env.contains("\"" + name + "\""), name + " is set neither by the image nor by the Deployment");
        }
        assertFalse(gateway.at("/spec/template/spec/containers/0/args").toString().contains("worker_processes auto"));
    }
}
