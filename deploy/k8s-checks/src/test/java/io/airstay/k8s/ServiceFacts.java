package io.airstay.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the services' own configuration and sources, and docs/events.md, say they exchange: the expectations the
 * manifests' credentials and permissions are checked against (never the manifests themselves).
 */
final class ServiceFacts {

    /** A channel a service consumes: the topic it reads (the channel's name unless set) and its consumer group. */
    record Channel(String service, String name, String topic, String group) {

        /** Where the channel's undeliverable messages go (docs/events.md#dead-letter-topics). */
        String deadLetterTopic() {
            return "dead-letter-topic-" + name;
        }
    }

    /** A row of docs/events.md's topic table. */
    record DocumentedTopic(String topic, String producer, Set<String> consumers) {
    }

    private static final Pattern INCOMING = Pattern.compile("mp\\.messaging\\.incoming\\.([\\w.-]+?)\\.connector");
    private static final Pattern TOPIC_ROW = Pattern.compile("(?m)^\\| `([\\w-]+)` \\| ([\\w-]+) \\| ([\\w-]+(?:, [\\w-]+)*) \\|");
    private static final Pattern CACHE_KEY = Pattern.compile("CacheKeys\\.key\\(\\s*((?:\"[^\"]*\"\\s*,\\s*)*)");
    private static final Pattern LITERAL = Pattern.compile("\"([^\"]*)\"");

    private ServiceFacts() {
    }

    /** The service's application.properties (the prod profile: %-prefixed keys are left out). */
    static Properties properties(String service) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Tools.read(Tools.ROOT.resolve(service + "-service/src/main/resources/application.properties"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.stringPropertyNames().stream().filter(k -> k.startsWith("%")).forEach(properties::remove);
        return properties;
    }

    /** The Kafka channels the service consumes, as its application.properties declares them. */
    static List<Channel> incoming(String service) {
        Properties properties = properties(service);
        List<Channel> channels = new ArrayList<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            Matcher m = INCOMING.matcher(key);
            if (m.matches() && properties.getProperty(key).equals("smallrye-kafka")) {
                String prefix = "mp.messaging.incoming." + m.group(1) + ".";
                channels.add(new Channel(service, m.group(1), properties.getProperty(prefix + "topic", m.group(1)),
                        properties.getProperty(prefix + "group.id")));
            }
        }
        return channels;
    }

    /** docs/events.md's table of topics: each one's producer and consumers. */
    static Map<String, DocumentedTopic> documentedTopics() {
        String events = Tools.read(Tools.ROOT.resolve("docs/events.md"));
        String table = events.substring(events.indexOf("## Topics"));
        table = table.substring(0, table.indexOf("\n\n", table.indexOf("| topic |")));
        Map<String, DocumentedTopic> topics = new TreeMap<>();
        Matcher row = TOPIC_ROW.matcher(table);
        while (row.find()) {
            topics.put(row.group(1), new DocumentedTopic(row.group(1), row.group(2), new TreeSet<>(List.of(row.group(3).split(", ")))));
        }
        return topics;
    }

    /** The service's Java sources (src/main/java). */
    static Map<Path, String> sources(String module) {
        Path root = Tools.ROOT.resolve(module + "/src/main/java");
        Map<Path, String> sources = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(f -> sources.put(f, Tools.read(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }

    /** platform/core's key layout version ("v1"), the first part of every cache key. */
    static String cacheKeyVersion() {
        String keys = Tools.read(Tools.ROOT.resolve("platform/core/src/main/java/io/airstay/platform/cache/CacheKeys.java"));
        Matcher version = Pattern.compile("VERSION = \"([^\"]+)\"").matcher(keys);
        if (!version.find()) {
            throw new IllegalStateException("no VERSION in CacheKeys");
        }
        return version.group(1);
    }

    /**
     * The prefixes of every Redis key the service builds: each CacheKeys.key(...) call's leading string literals,
     * after the version ("v1:property:" for key("property", id)).
     */
    static Set<String> cacheKeyPrefixes(String service) {
        String version = cacheKeyVersion();
        Set<String> prefixes = new TreeSet<>();
        for (String source : sources(service + "-service").values()) {
            Matcher call = CACHE_KEY.matcher(source);
            while (call.find()) {
                StringBuilder prefix = new StringBuilder(version).append(':');
                Matcher literal = LITERAL.matcher(call.group(1));
                while (literal.find()) {
                    prefix.append(literal.group(1)).append(':');
                }
                prefixes.add(prefix.toString());
            }
        }
        return prefixes;
    }

    /** The key prefixes whose changes the service's near cache asks Redis to report (its application.properties). */
    static List<String> nearCacheTrackedPrefixes(String service) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(
                Tools.ROOT.resolve(service + "-service/src/main/resources/application.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String prefixes = properties.getProperty("airstay.cache.near.tracked-prefixes", "");
        return prefixes.isBlank() ? List.of() : List.of(prefixes.split(","));
    }
}
