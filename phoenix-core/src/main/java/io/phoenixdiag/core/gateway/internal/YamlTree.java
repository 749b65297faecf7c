package io.phoenixdiag.core.gateway.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML document read into a tree whose every node knows its JSON pointer, line and column (Jackson's
 * tree model drops them). Scalars are kept as their text. Immutable after construction; thread-safe.
 *
 * @param scalar   the scalar text, or {@code ""} for a mapping, a sequence or null
 * @param mapping  the mapping's entries in document order (keys as written), empty otherwise
 * @param sequence the sequence's items, empty otherwise
 * @param kind     which of the three this node is
 * @param location file, JSON pointer, line and column of the node (of its key, for a mapping value)
 */
public record YamlTree(String scalar, Map<String, YamlTree> mapping, List<YamlTree> sequence, Kind kind,
                       Location location) {

    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    /** The node kinds. */
    public enum Kind {
        /** A scalar (or null, with empty text). */
        SCALAR,
        /** A mapping. */
        MAPPING,
        /** A sequence. */
        SEQUENCE
    }

    /**
     * Copies the components.
     *
     * @param scalar the scalar text
     * @param mapping the mapping entries
     * @param sequence the sequence items
     * @param kind the kind
     * @param location the location
     */
    public YamlTree {
        mapping = Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
        sequence = List.copyOf(sequence);
    }

    /**
     * Parses a YAML document. A syntax error becomes an ERROR finding with the given check id, file, line and
     * column, and the result is empty.
     *
     * @param file the file label
     * @param text the YAML text
     * @param checkId the check id for syntax findings
     * @param findings where findings are added
     * @return the root node, or empty when the text is not YAML or is empty
     */
    public static Optional<YamlTree> parse(String file, String text, String checkId, List<Finding> findings) {
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return Optional.empty();
            }
            return Optional.of(read(p, file, "", null));
        } catch (IOException e) {
            syntaxError(file, e, checkId, "YAML", findings);
            return Optional.empty();
        }
    }

    /**
     * Adds the syntax finding for a parser's exception: file, line and column from Jackson's location, the
     * parser's message without its excerpt lines, never a stack trace.
     *
     * @param file the file label
     * @param e the exception
     * @param checkId the check id
     * @param format "YAML" or "TOML"
     * @param findings where the finding is added
     */
    static void syntaxError(String file, Exception e, String checkId, String format, List<Finding> findings) {
        JsonLocation l = e instanceof com.fasterxml.jackson.core.JacksonException je ? je.getLocation() : null;
        Location at = l == null || l.getLineNr() < 1 ? Location.ofFile(file)
                : Location.ofLine(file, l.getLineNr(), Math.max(0, l.getColumnNr()));
        String msg = e instanceof com.fasterxml.jackson.core.JacksonException je ? je.getOriginalMessage()
                : e.getClass().getSimpleName();
        findings.add(Finding.builder(checkId, Severity.ERROR).title(format + " syntax error")
                .message(at + ": " + String.valueOf(msg).lines().map(String::strip)
                        .filter(x -> !x.isEmpty() && !x.startsWith("in '") && !x.startsWith("^"))
                        .collect(java.util.stream.Collectors.joining(", ")) + "; expected well-formed " + format + ".")
                .subject(file).location(at).remediation("Correct the " + format + " syntax.").build());
    }

    private static YamlTree read(JsonParser p, String file, String pointer, JsonLocation keyAt) throws IOException {
        JsonLocation l = keyAt != null ? keyAt : p.currentTokenLocation();
        Location at = new Location(file, pointer, Math.max(0, l.getLineNr()), Math.max(0, l.getColumnNr()));
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, YamlTree> m = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonLocation k = p.currentTokenLocation();
                p.nextToken();
                m.put(key, read(p, file, pointer + "/" + key.replace("~", "~0").replace("/", "~1"), k));
            }
            return new YamlTree("", m, List.of(), Kind.MAPPING, at);
        }
        if (t == JsonToken.START_ARRAY) {
            List<YamlTree> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(p, file, pointer + "/" + items.size(), null));
            }
            return new YamlTree("", Map.of(), items, Kind.SEQUENCE, at);
        }
        String text = t == JsonToken.VALUE_NULL ? "" : p.getText();
        return new YamlTree(text, Map.of(), List.of(), Kind.SCALAR, at);
    }

    /**
     * A mapping entry by key, ignoring case (Traefik's configuration decoder matches keys case-insensitively).
     *
     * @param key the key
     * @return the value node, or empty when absent or this is not a mapping
     */
    public Optional<YamlTree> get(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return mapping.entrySet().stream().filter(e -> e.getKey().toLowerCase(Locale.ROOT).equals(k))
                .map(Map.Entry::getValue).findFirst();
    }

    /**
     * A scalar below this node by a path of keys.
     *
     * @param keys the keys
     * @return the scalar text, or {@code ""} when absent or not a scalar
     */
    public String text(String... keys) {
        Optional<YamlTree> n = Optional.of(this);
        for (String k : keys) {
            n = n.flatMap(x -> x.get(k));
        }
        return n.filter(x -> x.kind == Kind.SCALAR).map(YamlTree::scalar).orElse("");
    }
}
