package io.airstay.k8s;

import static io.airstay.k8s.Rendered.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Redis admits no anonymous client; each service logs in as its own ACL user, with a password from a Secret, and
 * that user reaches only the key prefixes the service's code builds (CacheKeys.key calls), with only the commands
 * platform/core's JsonCache sends (GET, SET, INCR, EVAL whose scripts GET and SET) and the health check's PING.
 */
class RedisAccessTest {

    /**
     * The commands a service's user may run: JsonCache's, CLIENT TRACKING for its near cache's change reports, and
     * PING for the Redis health check and the reports' heartbeat.
     */
    private static final Set<String> CACHE_COMMANDS = Set.of("get", "set", "incr", "eval", "ping", "client|tracking");
    private static final Pattern USER_LINE = Pattern.compile("(?m)^user (\\S+) (.*)$");
    private static final Pattern HOSTS = Pattern.compile("redis://([\\w-]+):\\$\\((\\w+)\\)@redis:6379");

    static Stream<String> overlaysWithServices() {
        return Rendered.OVERLAYS.stream().filter(o -> !o.endsWith("/gateway"));
    }

    /** Each ACL user of the Redis StatefulSet, with its rules, from the configuration its container feeds redis-server. */
    static Map<String, List<String>> users(Rendered rendered) {
        JsonNode redis = rendered.find("StatefulSet", "redis").orElseThrow().at("/spec/template/spec/containers/0");
        String script = redis.path("command").toString() + redis.path("args").toString();
        Matcher line = USER_LINE.matcher(redis.at("/args/0").asText());
        Map<String, List<String>> users = new LinkedHashMap<>();
        while (line.find()) {
            users.put(line.group(1), List.of(line.group(2).trim().split("\\s+")));
        }
        assertTrue(script.contains("redis-server -"), "redis-server reads its configuration from standard input: " + script);
        return users;
    }

    /** The Secret (name/key) an environment variable of a container comes from, or null. */
    private static String secretOf(JsonNode container, String variable) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(variable)) {
                JsonNode ref = e.at("/valueFrom/secretKeyRef");
                return ref.isMissingNode() || ref.path("optional").asBoolean() ? null : ref.path("name").asText() + "/" + ref.path("key").asText();
            }
        }
        return null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void noOneReachesRedisWithoutAPasswordFromASecret(String directory) {
        Rendered rendered = Rendered.of(directory);
        Map<String, List<String>> users = users(rendered);
        JsonNode redis = rendered.find("StatefulSet", "redis").orElseThrow().at("/spec/template/spec/containers/0");
        assertEquals(List.of("off"), users.get("default"), "the default user is off, with no rule of its own");
        List<String> problems = new ArrayList<>();
        users.forEach((user, rules) -> {
            if (user.equals("default")) {
                return;
            }
            List<String> passwords = rules.stream().filter(r -> r.startsWith(">") || r.startsWith("#")).toList();
            if (rules.contains("nopass") || !rules.contains("on") || passwords.size() != 1 || !passwords.get(0).matches(">\\$\\w+")
                    || secretOf(redis, passwords.get(0).substring(2)) == null) {
                problems.add(user + ": not one password from a Secret: " + rules);
            }
        });
        assertEquals(List.of(), problems);
        Set<String> expected = new TreeSet<>(Set.of("default", "exporter"));
        Rendered.SERVICES.forEach(s -> expected.add(s + "-service"));
        assertEquals(expected, new TreeSet<>(users.keySet()));
        // The exporter sidecar and the probes log in as the exporter too.
        JsonNode exporter = rendered.find("StatefulSet", "redis").orElseThrow().at("/spec/template/spec/containers/1");
        String password = users.get("exporter").stream().filter(r -> r.startsWith(">")).findFirst().orElseThrow().substring(2);
        assertEquals(secretOf(redis, password), secretOf(exporter, "REDIS_PASSWORD"));
        assertTrue(exporter.path("env").toString().contains("{\"name\":\"REDIS_USER\",\"value\":\"exporter\"}"), exporter.path("env").toString());
        for (String probe : List.of("startupProbe", "readinessProbe")) {
            assertTrue(redis.path(probe).toString().contains("--user exporter"), probe);
        }
        assertTrue(redis.path("env").toString().contains("{\"name\":\"REDISCLI_AUTH\",\"value\":\"$(" + password + ")\"}"));
    }

    @Test
    void eachServicesUserReachesExactlyTheKeyPrefixesItsCodeBuilds() {
        Map<String, List<String>> users = users(Rendered.of("k8s/overlays/prod"));
        Map<String, Set<String>> expected = new TreeMap<>();
        Map<String, Set<String>> actual = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (String service : Rendered.SERVICES) {
            Set<String> patterns = new TreeSet<>();
            ServiceFacts.cacheKeyPrefixes(service).forEach(p -> patterns.add("~" + p + "*"));
            expected.put(service, patterns);
            List<String> rules = users.get(service + "-service");
            actual.put(service, keyRules(rules));
            problems.addAll(commandProblems(service, rules, CACHE_COMMANDS));
            if (!rules.contains("+ping")) {
                problems.add(service + ": the health check's PING is not allowed");
            }
        }
        assertEquals(expected, actual);
        assertEquals(List.of(), problems);
        for (String service : Rendered.SERVICES) {
            for (String tracked : ServiceFacts.nearCacheTrackedPrefixes(service)) {
                assertTrue(expected.get(service).stream().anyMatch(pattern -> tracked.startsWith(pattern.substring(1, pattern.length() - 1))),
                        service + " tracks changes under " + tracked + ", outside its keys");
            }
        }
        assertEquals(List.of("v1:property:versioned:", "v1:gen:search:", "v1:gen:search-dates:", "v1:stats:listing:", "v1:stats:market:"),
                ServiceFacts.nearCacheTrackedPrefixes("search"));
        // The derivation finds the keys: the three caching services have some, booking-service none.
        assertEquals(Set.of("v1:property:versioned:", "v1:api:search:", "v1:gen:search:", "v1:gen:search-dates:", "v1:stats:listing:",
                "v1:stats:market:"), ServiceFacts.cacheKeyPrefixes("search"));
        assertEquals(Set.of(), ServiceFacts.cacheKeyPrefixes("booking"));
        // The exporter reads server statistics only: no key, no write.
        List<String> exporter = users.get("exporter");
        assertEquals(Set.of(), keyRules(exporter));
        assertEquals(List.of(), commandProblems("exporter", exporter, Set.of("ping", "info", "config|get", "client|setname", "latency|latest",
                "latency|histogram", "slowlog|len", "slowlog|get", "command|info")));
    }

    @Test
    void theServicesBuildEveryKeyThroughCacheKeys() {
        // Otherwise a key could escape the prefixes derived above.
        List<String> literals = new ArrayList<>();
        String version = ServiceFacts.cacheKeyVersion();
        for (String service : Rendered.SERVICES) {
            ServiceFacts.sources(service + "-service").forEach((file, source) -> {
                if (source.contains("\"" + version + ":")) {
                    literals.add(file.toString());
                }
            });
        }
        assertEquals(List.of(), literals);
    }

    @Test
    void aWiderPatternOrCommandIsReported() {
        List<String> rules = List.of("on", ">$X", "~v1:*", "allkeys", "-@all", "+get", "+flushall", "+@all");
        assertEquals(Set.of("~v1:*", "allkeys"), keyRules(rules));
        assertEquals(List.of("t: command rule +flushall", "t: command rule +@all"), commandProblems("t", rules, CACHE_COMMANDS));
        assertEquals(List.of("t: does not start from -@all"), commandProblems("t", List.of("on", "+get"), CACHE_COMMANDS));
    }

    /** Rules that grant keys (or channels). */
    static Set<String> keyRules(List<String> rules) {
        Set<String> keys = new TreeSet<>();
        rules.stream().filter(r -> r.startsWith("~") || r.startsWith("%") || r.startsWith("&") || r.equals("allkeys") || r.equals("allchannels"))
                .forEach(keys::add);
        return keys;
    }

    /** Command rules beyond "-@all, then +command for each allowed one". */
    static List<String> commandProblems(String user, List<String> rules, Set<String> allowed) {
        List<String> commandRules = rules.stream().filter(r -> r.startsWith("+") || r.startsWith("-") || r.equals("allcommands")).toList();
        List<String> problems = new ArrayList<>();
        if (commandRules.isEmpty() || !commandRules.get(0).equals("-@all")) {
            problems.add(user + ": does not start from -@all");
        }
        commandRules.stream().skip(1).filter(r -> !r.startsWith("+") || !allowed.contains(r.substring(1)))
                .forEach(r -> problems.add(user + ": command rule " + r));
        return problems;
    }

    @ParameterizedTest
    @MethodSource("overlaysWithServices")
    void everyServiceLogsInAsItsOwnRedisUser(String directory) {
        Rendered rendered = Rendered.of(directory);
        List<String> problems = new ArrayList<>();
        rendered.kind("ConfigMap").filter(c -> c.path("data").has("QUARKUS_REDIS_HOSTS"))
                .forEach(c -> problems.add(name(c) + ": a Redis address beside the one with credentials"));
        Map<String, List<String>> users = rendered.find("StatefulSet", "redis").isPresent() ? users(rendered) : Map.of();
        JsonNode redis = rendered.find("StatefulSet", "redis").map(s -> s.at("/spec/template/spec/containers/0")).orElse(null);
        rendered.kind("Deployment").filter(d -> "service".equals(d.at("/metadata/labels/app.kubernetes.io~1component").asText())).forEach(d -> {
            JsonNode app = d.at("/spec/template/spec/containers/0");
            Map<String, JsonNode> env = KafkaAccessTest.env(d);
            Matcher hosts = HOSTS.matcher(env.containsKey("QUARKUS_REDIS_HOSTS") ? env.get("QUARKUS_REDIS_HOSTS").path("value").asText() : "");
            if (!hosts.matches() || !hosts.group(1).equals(name(d))) {
                problems.add(name(d) + ": QUARKUS_REDIS_HOSTS is not redis://" + name(d) + ":$(<password>)@redis:6379");
                return;
            }
            String secret = secretOf(app, hosts.group(2));
            if (secret == null || !isDeclaredBefore(app, hosts.group(2))) {
                problems.add(name(d) + ": the Redis password does not come from a Secret declared before QUARKUS_REDIS_HOSTS");
                return;
            }
            if (redis != null) {
                List<String> rules = users.getOrDefault(name(d), List.of());
                String password = rules.stream().filter(r -> r.startsWith(">$")).map(r -> r.substring(2)).findFirst().orElse("");
                if (!secret.equals(secretOf(redis, password))) {
                    problems.add(name(d) + ": logs in with " + secret + ", Redis knows its user by " + secretOf(redis, password));
                }
            }
        });
        assertEquals(List.of(), problems);
    }

    /** Kubernetes expands $(VAR) only from variables listed earlier in the container's env. */
    private static boolean isDeclaredBefore(JsonNode container, String variable) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals("QUARKUS_REDIS_HOSTS")) {
                return false;
            }
            if (e.path("name").asText().equals(variable)) {
                return true;
            }
        }
        return false;
    }
}
