package io.phoenixdiag.core.config;

import io.phoenixdiag.core.config.JNode.JArray;
import io.phoenixdiag.core.config.JNode.JObject;
import io.phoenixdiag.core.config.JNode.JScalar;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The state of loading one file: its label, the findings so far, the pointers of unknown fields (reported
 * as one INFO at the end) and of secret values (masked in raw text). Not thread-safe: one per load.
 */
final class LoadContext {

    private final String file;
    private final List<Finding> findings = new ArrayList<>();
    private final List<String> unknownPointers = new ArrayList<>();
    private final Set<String> secretPointers = new HashSet<>();
    private final List<SecretOccurrence> secrets = new ArrayList<>();

    LoadContext(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    List<Finding> findings() {
        return findings;
    }

    List<SecretOccurrence> secrets() {
        return secrets;
    }

    Finding.Builder finding(String checkId, Severity severity, String title) {
        return Finding.builder(checkId, severity).title(title).subject(file);
    }

    void add(Finding.Builder builder) {
        findings.add(builder.build());
    }

    Location at(JNode node) {
        return new Location(file, node.pointer(), node.line(), node.column());
    }

    /** Records an unreadable value and what was expected. */
    void invalid(JNode node, String expected, String consequence) {
        add(finding("config.invalid-value", Severity.WARNING, "Value cannot be read")
                .message("In " + file + " at " + node.pointer() + " (line " + node.line() + ", column "
                        + node.column() + ") expected " + expected + " but found " + describe(node) + "; "
                        + consequence + ".")
                .remediation("Correct the value to " + expected + ".")
                .location(at(node)));
    }

    void unknown(String pointer) {
        unknownPointers.add(pointer);
    }

    void secret(JNode node, String fieldName, SecretOccurrence.Kind kind, String value) {
        if (secretPointers.add(node.pointer())) {
            secrets.add(new SecretOccurrence(at(node), fieldName, kind, Secret.isPlaceholder(value), Secret.of(value)));
        }
    }

    boolean isSecret(JNode node) {
        return secretPointers.contains(node.pointer());
    }

    /** Adds the one INFO finding listing every unknown field of the file, if any. */
    void finish() {
        if (unknownPointers.isEmpty()) {
            return;
        }
        Finding.Builder b = finding("config.unknown-fields", Severity.INFO, "Fields not in the model")
                .message(file + " has " + unknownPointers.size() + " field(s) this model does not know: "
                        + String.join(", ", unknownPointers) + ". They are kept as raw JSON (secrets masked) "
                        + "and otherwise ignored.")
                .remediation("None needed, unless a name is a typo of a known field.");
        unknownPointers.forEach(p -> b.location(Location.ofPointer(file, p)));
        add(b);
    }

    private String describe(JNode node) {
        if (node instanceof JScalar && !isSecret(node)) {
            JScalar scalar = (JScalar) node;
            // a misplaced string may be a secret (a password pasted into the wrong field): never echo it
            if (scalar.kind() == JScalar.Kind.STRING) {
                return "a string of " + scalar.text().length() + " characters";
            }
            if (scalar.kind() != JScalar.Kind.NULL) {
                String text = scalar.text();
                return node.typeName() + " " + (text.length() > 20 ? text.substring(0, 17) + "..." : text);
            }
        }
        return node.typeName();
    }

    /** Renders a node as compact JSON, secret values replaced by the mask. */
    String raw(JNode node) {
        StringBuilder sb = new StringBuilder();
        raw(node, sb);
        return sb.toString();
    }

    private void raw(JNode node, StringBuilder sb) {
        if (node instanceof JObject) {
            sb.append('{');
            String sep = "";
            for (var e : ((JObject) node).members().entrySet()) {
                sb.append(sep);
                quote(e.getKey(), sb);
                sb.append(':');
                raw(e.getValue(), sb);
                sep = ",";
            }
            sb.append('}');
        } else if (node instanceof JArray) {
            sb.append('[');
            String sep = "";
            for (JNode e : ((JArray) node).elements()) {
                sb.append(sep);
                raw(e, sb);
                sep = ",";
            }
            sb.append(']');
        } else {
            JScalar s = (JScalar) node;
            if (isSecret(s)) {
                quote(Secret.MASK, sb);
            } else if (s.kind() == JScalar.Kind.STRING) {
                quote(s.text(), sb);
            } else {
                sb.append(s.text());
            }
        }
    }

    private static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
