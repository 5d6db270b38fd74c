package io.airstay.k8s;

import static io.airstay.k8s.Rendered.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.beans.Introspector;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.strimzi.api.kafka.model.common.UnknownPropertyPreserving;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

/**
 * The Strimzi resources against Strimzi's own API model (io.strimzi:api, the classes its CRD schemas are
 * generated from): field types, unknown fields (kept aside by the model, dropped by the API server) and the
 * properties the model marks required.
 */
class StrimziSchemaTest {

    private static final Map<String, Class<?>> MODELS = Map.of("Kafka", Kafka.class, "KafkaNodePool", KafkaNodePool.class,
            "KafkaTopic", KafkaTopic.class, "KafkaUser", KafkaUser.class);

    static List<String> problems(JsonNode object) {
        String where = object.path("kind").asText() + "/" + name(object);
        List<String> problems = new ArrayList<>();
        if (!object.path("apiVersion").asText().equals("kafka.strimzi.io/v1")) {
            problems.add(where + ": apiVersion " + object.path("apiVersion"));
        }
        try {
            Object model = Rendered.JSON.treeToValue(object, MODELS.get(object.path("kind").asText()));
            walk(model, object, where, problems);
        } catch (JsonProcessingException e) {
            problems.add(where + ": " + e.getOriginalMessage());
        }
        return problems.stream().distinct().toList();
    }

    private static void walk(Object bean, JsonNode json, String path, List<String> problems) {
        if (bean == null || json == null || !bean.getClass().getName().startsWith("io.strimzi.")) {
            return;
        }
        if (bean instanceof UnknownPropertyPreserving preserving && !preserving.getAdditionalProperties().isEmpty()) {
            problems.add(path + ": unknown fields " + preserving.getAdditionalProperties().keySet());
        }
        for (Method getter : bean.getClass().getMethods()) {
            String method = getter.getName();
            if (getter.getParameterCount() != 0 || getter.isBridge() || Modifier.isStatic(getter.getModifiers()) || method.equals("getClass")
                    || method.equals("getAdditionalProperties") || !(method.startsWith("get") || method.startsWith("is"))) {
                continue;
            }
            JsonProperty property = getter.getAnnotation(JsonProperty.class);
            String field = property != null && !property.value().isEmpty() ? property.value()
                    : Introspector.decapitalize(method.substring(method.startsWith("is") ? 2 : 3));
            if (property != null && property.required() && !json.has(field)) {
                problems.add(path + ": required field " + field + " missing");
            }
            Object value;
            try {
                value = getter.invoke(bean);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (value instanceof Collection<?> items) {
                Iterator<JsonNode> elements = json.path(field).elements();
                int i = 0;
                for (Object item : items) {
                    walk(item, elements.hasNext() ? elements.next() : null, path + "/" + field + "/" + i++, problems);
                }
            } else {
                walk(value, json.get(field), path + "/" + field, problems);
            }
        }
    }

    @Test
    void theStrimziResourcesMatchStrimzisApiModel() {
        List<ObjectNode> resources = Rendered.of("k8s/overlays/prod").objects.stream()
                .filter(o -> o.path("apiVersion").asText().startsWith("kafka.strimzi.io/")).toList();
        // The cluster, its node pool, the four event topics and their four dead-letter topics, a user per service.
        assertEquals(14, resources.size());
        List<String> problems = new ArrayList<>();
        resources.forEach(r -> problems.addAll(problems(r)));
        assertEquals(List.of(), problems);
    }

    @Test
    void aMisspeltMissingOrMistypedFieldIsReported() {
        ObjectNode pool = Rendered.of("k8s/overlays/prod").find("KafkaNodePool", "broker").orElseThrow().deepCopy();
        ObjectNode spec = (ObjectNode) pool.path("spec");
        spec.set("replica", spec.remove("replicas"));
        ObjectNode topic = Rendered.of("k8s/overlays/prod").find("KafkaTopic", "booking-events").orElseThrow().deepCopy();
        ((ObjectNode) topic.path("spec")).put("partitions", "twelve");
        List<String> poolProblems = problems(pool);
        assertTrue(poolProblems.contains("KafkaNodePool/broker/spec: unknown fields [replica]"), poolProblems.toString());
        assertTrue(poolProblems.contains("KafkaNodePool/broker/spec: required field replicas missing"), poolProblems.toString());
        List<String> topicProblems = problems(topic);
        assertEquals(1, topicProblems.size(), topicProblems.toString());
        assertTrue(topicProblems.get(0).contains("twelve"), topicProblems.toString());
        ObjectNode user = Rendered.of("k8s/overlays/prod").find("KafkaUser", "search-service").orElseThrow().deepCopy();
        ((ObjectNode) user.at("/spec/authorization/acls/0")).put("operatoins", "Write");
        List<String> userProblems = problems(user);
        assertEquals(List.of("KafkaUser/search-service/spec/authorization/acls/0: unknown fields [operatoins]"), userProblems);
    }
}
