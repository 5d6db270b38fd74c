package io.airstay.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The connections a namespace's NetworkPolicies allow (Kubernetes' semantics: a connection needs an egress rule of
 * the sender, if any Egress policy selects it, and an ingress rule of the receiver, if any Ingress policy selects
 * it; rules add up). The policies are the rendered ones plus those the operators write; the endpoints are the
 * namespace's pods and the peers outside it that take part: Prometheus (namespace monitoring), the CloudNativePG
 * and Strimzi operators, kube-dns, the Kubernetes API server, and anyone else ("elsewhere": clients, other
 * namespaces). Outside peers are governed by no policy here.
 */
final class NetworkFlows {

    record Port(String name, int number, String protocol) {
    }

    /** A pod (or set of like pods) or an outside peer; namespace null for what is not a pod (the API server, clients). */
    record Endpoint(String name, String namespace, Map<String, String> labels, List<Port> ports) {
    }

    static final List<Endpoint> OUTSIDE = List.of(
            new Endpoint("elsewhere", null, Map.of(), List.of()),
            new Endpoint("monitoring", "monitoring", Map.of("app.kubernetes.io/name", "prometheus"), List.of()),
            new Endpoint("cnpg-operator", "cnpg-system", Map.of("app.kubernetes.io/name", "cloudnative-pg"), List.of()),
            new Endpoint("strimzi-operator", "strimzi", Map.of("strimzi.io/kind", "cluster-operator"), List.of()),
            new Endpoint("kube-dns", "kube-system", Map.of("k8s-app", "kube-dns"),
                    List.of(new Port("dns", 53, "UDP"), new Port("dns-tcp", 53, "TCP"))),
            new Endpoint("kubernetes-api", null, Map.of(), List.of(new Port("https", 443, "TCP"), new Port("https-alt", 6443, "TCP"))));

    private final String namespace;
    private final List<ObjectNode> policies;
    private final List<Endpoint> endpoints = new ArrayList<>();

    NetworkFlows(Rendered rendered, String namespace) {
        this.namespace = namespace;
        this.policies = Stream.concat(rendered.kind("NetworkPolicy"), rendered.operatorPolicies()).toList();
        rendered.pods().forEach(pod -> {
            List<Port> ports = new ArrayList<>();
            for (JsonNode container : pod.spec().path("containers")) {
                for (JsonNode port : container.path("ports")) {
                    ports.add(new Port(port.path("name").asText(), port.path("containerPort").asInt(), port.path("protocol").asText("TCP")));
                }
            }
            endpoints.add(new Endpoint(pod.owner().substring(pod.owner().indexOf('/') + 1), namespace, pod.labels(), ports));
        });
        endpoints.addAll(OUTSIDE);
    }

    private boolean inside(Endpoint endpoint) {
        return namespace.equals(endpoint.namespace());
    }

    /**
     * Every allowed connection that involves a pod of the namespace, as "from -> to:port/protocol". Outside peers
     * with ports (kube-dns, the API server) only receive; those without (clients, operators, Prometheus) only open.
     */
    Set<String> allowed() {
        Set<String> flows = new TreeSet<>();
        for (Endpoint from : endpoints) {
            for (Endpoint to : endpoints) {
                if (!inside(from) && !from.ports().isEmpty() || !inside(from) && !inside(to)) {
                    continue;
                }
                for (Port port : to.ports()) {
                    if (allows(from, to, port)) {
                        flows.add(from.name() + " -> " + to.name() + ":" + port.number() + "/" + port.protocol());
                    }
                }
            }
        }
        return flows;
    }

    boolean allows(Endpoint from, Endpoint to, Port port) {
        return permitted(from, to, port, "Egress", from, "egress", "to") && permitted(from, to, port, "Ingress", to, "ingress", "from");
    }

    /** Whether the policies of {@code subject} (the sender for egress, the receiver for ingress) let the connection through. */
    private boolean permitted(Endpoint from, Endpoint to, Port port, String type, Endpoint subject, String rulesField, String peersField) {
        if (!inside(subject)) {
            return true;
        }
        Endpoint peer = subject == from ? to : from;
        boolean governed = false;
        for (ObjectNode policy : policies) {
            if (!types(policy).contains(type) || !Rendered.selects(policy.at("/spec/podSelector"), subject.labels(), false)) {
                continue;
            }
            governed = true;
            for (JsonNode rule : policy.at("/spec/" + rulesField)) {
                if (peersMatch(rule.path(peersField), peer) && portsMatch(rule.path("ports"), port)) {
                    return true;
                }
            }
        }
        return !governed;
    }

    private static Set<String> types(JsonNode policy) {
        Set<String> types = new TreeSet<>();
        policy.at("/spec/policyTypes").forEach(t -> types.add(t.asText()));
        if (types.isEmpty()) {
            types.add("Ingress");
            if (policy.at("/spec").has("egress")) {
                types.add("Egress");
            }
        }
        return types;
    }

    private boolean peersMatch(JsonNode peers, Endpoint peer) {
        if (peers.isMissingNode() || peers.isEmpty()) {
            return true;
        }
        for (JsonNode p : peers) {
            if (p.has("ipBlock")) {
                throw new IllegalArgumentException("ipBlock peers are not modelled: " + p);
            }
            if (peer.namespace() == null) {
                continue;
            }
            boolean namespaceOk = p.has("namespaceSelector")
                    ? Rendered.selects(p.path("namespaceSelector"), Map.of("kubernetes.io/metadata.name", peer.namespace()), false)
                    : namespace.equals(peer.namespace());
            boolean podOk = !p.has("podSelector") || Rendered.selects(p.path("podSelector"), peer.labels(), false);
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean portsMatch(JsonNode ports, Port port) {
        if (ports.isMissingNode() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode p : ports) {
            if (!p.path("protocol").asText("TCP").equals(port.protocol())) {
                continue;
            }
            JsonNode number = p.path("port");
            if (number.isMissingNode()
                    || number.isInt() && (p.has("endPort") ? port.number() >= number.asInt() && port.number() <= p.path("endPort").asInt()
                            : port.number() == number.asInt())
                    || number.isTextual() && number.asText().equals(port.name())) {
                return true;
            }
        }
        return false;
    }

    /** Builds expected flow lists readably. */
    static final class Expected {
        private final Set<String> flows = new TreeSet<>();

        Expected flow(String from, String to, int port) {
            return flow(from, to, port, "TCP");
        }

        Expected flow(String from, String to, int port, String protocol) {
            flows.add(from + " -> " + to + ":" + port + "/" + protocol);
            return this;
        }

        Expected flows(String from, String to, int... ports) {
            for (int port : ports) {
                flow(from, to, port);
            }
            return this;
        }

        /** Every peer outside the namespace: what a rule without "from" admits (the namespace's own pods are held back by their egress rules). */
        Expected fromOutside(String to, int port) {
            OUTSIDE.stream().filter(e -> e.ports().isEmpty()).forEach(e -> flow(e.name(), to, port));
            return this;
        }

        Expected dns(String... from) {
            for (String f : from) {
                flow(f, "kube-dns", 53, "UDP");
                flow(f, "kube-dns", 53, "TCP");
            }
            return this;
        }

        Set<String> toSet() {
            return flows;
        }
    }
}
