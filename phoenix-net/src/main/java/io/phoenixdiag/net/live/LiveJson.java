package io.phoenixdiag.net.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The wire format between a parent and the probe program {@link ProbeMain}: a JSON array of {@link ProbeSpec}
 * objects in, a JSON array of {@link LiveResult} objects out, properties named and ordered as the record
 * components, enums by name. A single spec object is accepted where a list is expected. Thread-safe.
 */
public final class LiveJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private LiveJson() {
    }

    /**
     * Writes probe specs.
     *
     * @param specs the specs
     * @return a compact JSON array
     */
    public static String writeSpecs(List<ProbeSpec> specs) {
        return write(specs);
    }

    /**
     * Writes results.
     *
     * @param results the results
     * @return a compact JSON array
     */
    public static String writeResults(List<LiveResult> results) {
        return write(results);
    }

    /**
     * Reads probe specs: an array of spec objects or one spec object. Absent text fields default to {@code ""},
     * absent lists to empty, an absent {@code timeoutMs} is an error.
     *
     * @param json the JSON text
     * @return the specs
     * @throws IllegalArgumentException if the text is not JSON or an element is not a valid spec, naming the JSON
     *                                  pointer of the element (e.g. {@code /2}) and what is wrong
     */
    public static List<ProbeSpec> readSpecs(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("probe requests are not JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        if (root == null || !(root.isArray() || root.isObject())) {
            throw new IllegalArgumentException("probe requests: expected a JSON array of objects or one object");
        }
        ArrayNode array = root.isArray() ? (ArrayNode) root : MAPPER.createArrayNode().add(root);
        List<ProbeSpec> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = root.isArray() ? "/" + i : "";
            JsonNode n = array.get(i);
            if (!n.isObject()) {
                throw new IllegalArgumentException("probe requests at " + at + ": expected an object");
            }
            try {
                out.add(spec(n));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("probe request at " + (at.isEmpty() ? "/" : at) + ": "
                        + e.getMessage(), e);
            }
        }
        return out;
    }

    private static ProbeSpec spec(JsonNode n) {
        ProbeKind kind = enumOf(ProbeKind.class, text(n, "kind", ""), "kind");
        io.phoenixdiag.net.probe.DnsQueryType type = enumOf(io.phoenixdiag.net.probe.DnsQueryType.class,
                text(n, "dnsType", "A"), "dnsType");
        if (!n.path("timeoutMs").canConvertToLong()) {
            throw new IllegalArgumentException("timeoutMs: expected an integer number of milliseconds");
        }
        if (!n.path("port").canConvertToInt()) {
            throw new IllegalArgumentException("port: expected an integer 1..65535");
        }
        return new ProbeSpec(text(n, "id", ""), kind, text(n, "address", ""), n.path("port").intValue(),
                text(n, "serverName", ""), n.path("tls").asBoolean(false), text(n, "path", ""),
                n.path("expectedStatus").asInt(0), text(n, "bodyContains", ""), text(n, "dnsName", ""), type,
                list(n, "expected"), list(n, "trustAnchorsPem"), n.path("timeoutMs").longValue(),
                text(n, "preset", ""));
    }

    private static String text(JsonNode n, String field, String dflt) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(field + ": expected a string");
        }
        return v.textValue();
    }

    private static List<String> list(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (!v.isArray()) {
            throw new IllegalArgumentException(field + ": expected an array of strings");
        }
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new IllegalArgumentException(field + ": expected an array of strings");
            }
            out.add(e.textValue());
        }
        return out;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String text, String field) {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": expected one of " + java.util.Arrays.toString(
                    type.getEnumConstants()) + ", got \"" + text + "\"");
        }
    }

    /**
     * Reads results written by {@link #writeResults(List)}.
     *
     * @param json the JSON text
     * @return the results
     * @throws IllegalArgumentException if the text is not such an array, naming what is wrong
     */
    public static List<LiveResult> readResults(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<List<LiveResult>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON array of probe results: " + e.getOriginalMessage());
        }
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
