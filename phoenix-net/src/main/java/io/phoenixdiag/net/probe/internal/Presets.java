package io.phoenixdiag.net.probe.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phoenixdiag.net.probe.ApiEntry;
import io.phoenixdiag.net.probe.HttpOutcome;
import io.phoenixdiag.net.probe.HttpProbeRequest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Body readers and remediation sentences of the HTTP presets. Thread-safe (stateless). */
final class Presets {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Presets() {
    }

    /** A read Traefik listing: the entries, the descriptions of the unhealthy ones, or why it could not be read. */
    record Listing(List<ApiEntry> entries, List<String> unhealthy, String error) {
    }

    static boolean isTraefikApi(HttpProbeRequest r) {
        return r.preset().equals(HttpProbeRequest.PRESET_TRAEFIK_ROUTERS)
                || r.preset().equals(HttpProbeRequest.PRESET_TRAEFIK_SERVICES);
    }

    /**
     * Reads a Traefik {@code /api/http/routers} or {@code /api/http/services} answer: a JSON array of objects
     * with {@code name}, {@code status}, {@code error} (an array of texts, or one text) and for services
     * {@code serverStatus} (URL to {@code UP}/{@code DOWN}).
     */
    static Listing traefik(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return new Listing(List.of(), List.of(), e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            return new Listing(List.of(), List.of(), "the top level is " + (root == null ? "empty" : root.getNodeType()));
        }
        List<ApiEntry> entries = new ArrayList<>();
        List<String> unhealthy = new ArrayList<>();
        for (JsonNode n : root) {
            if (!n.isObject()) {
                return new Listing(List.of(), List.of(), "an element is " + n.getNodeType());
            }
            List<String> errors = new ArrayList<>();
            JsonNode e = n.path("error");
            if (e.isArray()) {
                e.forEach(x -> errors.add(x.asText()));
            } else if (e.isTextual()) {
                errors.add(e.asText());
            }
            List<String> down = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.path("serverStatus").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> s = it.next();
                if (!s.getValue().asText().equals("UP")) {
                    down.add(s.getKey());
                }
            }
            ApiEntry a = new ApiEntry(n.path("name").asText(""), n.path("status").asText(""), errors, down);
            entries.add(a);
            if (!a.healthy()) {
                unhealthy.add(a.name() + " is " + (a.status().isEmpty() ? "without status" : a.status())
                        + (errors.isEmpty() ? "" : " (" + String.join(", ", errors) + ")")
                        + (down.isEmpty() ? "" : " with servers down: " + String.join(", ", down)));
            }
        }
        return new Listing(entries, unhealthy, "");
    }

    /** The preset's remediation for a failed outcome, else the generic one. */
    static String remediation(HttpProbeRequest r, HttpOutcome outcome, String generic) {
        boolean unreachable = outcome == HttpOutcome.REFUSED || outcome == HttpOutcome.TIMEOUT
                || outcome == HttpOutcome.UNREACHABLE;
        return switch (r.preset()) {
            case HttpProbeRequest.PRESET_STEP_CA_HEALTH, HttpProbeRequest.PRESET_STEP_CA_ROOTS -> unreachable
                    ? "Start step-ca (systemctl status step-ca; its ca.json \"address\") and let its port through. "
                    + generic
                    : "Check that this port is step-ca's (ca.json \"address\") and read its log (journalctl -u step-ca).";
            case HttpProbeRequest.PRESET_TRAEFIK_PING -> unreachable
                    ? "Enable ping in Traefik's static configuration (ping: {} on the traefik entry point) and let "
                    + "the entry point's port through. " + generic
                    : "Check that ping is enabled on this entry point (ping.entryPoint) and Traefik is healthy.";
            case HttpProbeRequest.PRESET_TRAEFIK_ROUTERS, HttpProbeRequest.PRESET_TRAEFIK_SERVICES ->
                    outcome == HttpOutcome.BODY_MISMATCH
                    ? "Fix the routers and services Traefik reports with errors (a missing service, a bad rule, a "
                    + "certificate resolver that failed, servers down) in its dynamic configuration; the "
                    + "dashboard shows the same errors."
                    : "Enable the API (api: {} in the static configuration, insecure or behind a router) and let "
                    + "its entry point through. " + generic;
            case HttpProbeRequest.PRESET_PORTAINER_STATUS -> unreachable
                    ? "Start the Portainer container and publish its HTTPS port (9443). " + generic
                    : "Check that this port is Portainer's and read its container log (docker logs portainer).";
            case HttpProbeRequest.PRESET_PORTAINER_AGENT_PING -> unreachable
                    ? "Start the Portainer agent and publish its port (9001) to the Portainer server. " + generic
                    : "Check that this port is the Portainer agent's (it answers /ping with 204).";
            default -> generic;
        };
    }
}
