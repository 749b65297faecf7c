package io.phoenixdiag.core.gateway.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a TOML document (TOML v1.0.0) into the same {@link YamlTree} shape the YAML path gives: mappings for
 * tables and inline tables, sequences for arrays and arrays of tables, scalars as their text.
 *
 * <p>Jackson's TOML module ({@code jackson-dataformat-toml}) checks the syntax and gives the values, but it
 * builds a whole tree before handing out tokens (its parser is a {@code TreeTraversingParser}), so its token
 * locations are unknown. The lines therefore come from a small scan of the same, already validated, text that
 * records where each key is written. Every node's location is then, by JSON pointer:
 * <ul>
 *   <li>a key written in a key/value pair (also inside an inline table, also one part of a dotted key):
 *       the line and column of the key's first character (a dotted key's parents: of the first dotted key
 *       that created them);</li>
 *   <li>a table {@code [a.b]}: the line and column of the {@code [} of its header; a table only created
 *       implicitly by a deeper header or dotted key: the first such header or key;</li>
 *   <li>an element of an array of tables {@code [[a.b]]}: the {@code [[} of the header that opened the element;
 *       the array itself: its first header;</li>
 *   <li>an element of an inline array: the element's first character;</li>
 *   <li>anything else (never seen in valid TOML): the location of its parent.</li>
 * </ul>
 * Columns are 1-based, counted in UTF-16 units. Not instantiable; thread-safe.
 */
final class TomlTree {

    private static final TomlMapper TOML = new TomlMapper();

    private TomlTree() {
    }

    /**
     * Parses a TOML document. A syntax error becomes an ERROR finding with the given check id and the line and
     * column Jackson reports, and the result is empty.
     *
     * @param file the file label
     * @param text the TOML text
     * @param checkId the check id for syntax findings
     * @param findings where findings are added
     * @return the root mapping, or empty when the text has a syntax error or no key at all
     */
    static Optional<YamlTree> parse(String file, String text, String checkId, List<Finding> findings) {
        JsonNode root;
        try {
            root = TOML.readTree(text);
        } catch (IOException | RuntimeException e) {
            YamlTree.syntaxError(file, e, checkId, "TOML", findings);
            return Optional.empty();
        }
        if (root == null || root.isEmpty()) {
            return Optional.empty();
        }
        Map<String, int[]> lines = new Lines(text).scan();
        return Optional.of(tree(root, file, "", lines, new Location(file, "", 1, 1)));
    }

    private static YamlTree tree(JsonNode n, String file, String pointer, Map<String, int[]> lines, Location parent) {
        int[] lc = lines.get(pointer);
        Location at = lc == null ? new Location(file, pointer, parent.line(), parent.column())
                : new Location(file, pointer, lc[0], lc[1]);
        if (n.isObject()) {
            Map<String, YamlTree> m = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> m.put(e.getKey(),
                    tree(e.getValue(), file, pointer + "/" + escape(e.getKey()), lines, at)));
            return new YamlTree("", m, List.of(), YamlTree.Kind.MAPPING, at);
        }
        if (n.isArray()) {
            List<YamlTree> items = new ArrayList<>();
            for (JsonNode item : n) {
                items.add(tree(item, file, pointer + "/" + items.size(), lines, at));
            }
            return new YamlTree("", Map.of(), items, YamlTree.Kind.SEQUENCE, at);
        }
        String text = n.isNull() ? "" : n.isTextual() ? n.textValue() : n.asText();
        return new YamlTree(text, Map.of(), List.of(), YamlTree.Kind.SCALAR, at);
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** The key scan: JSON pointer to {line, column} of every key, table header and array element. */
    private static final class Lines {
        private final String s;
        private final int[] lineStarts;
        private final Map<String, int[]> at = new HashMap<>();
        private final Map<String, Integer> arrays = new HashMap<>();
        private int i;
        private String table = "";

        Lines(String s) {
            this.s = s;
            List<Integer> starts = new ArrayList<>(List.of(0));
            for (int k = 0; k < s.length(); k++) {
                if (s.charAt(k) == '\n') {
                    starts.add(k + 1);
                }
            }
            lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }

        Map<String, int[]> scan() {
            while (true) {
                skipBlank(true);
                if (i >= s.length()) {
                    return at;
                }
                int start = i;
                if (s.charAt(i) == '[') {
                    boolean arrayOfTables = i + 1 < s.length() && s.charAt(i + 1) == '[';
                    i += arrayOfTables ? 2 : 1;
                    List<String> keys = keyPath();
                    while (i < s.length() && (s.charAt(i) == ']' || s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                        i++;
                    }
                    table = header(keys, arrayOfTables, start);
                } else {
                    keyValue(table);
                }
                if (i == start) {
                    i++; // never stall on text the scan does not understand
                }
            }
        }

        private String header(List<String> keys, boolean arrayOfTables, int start) {
            String p = "";
            for (int k = 0; k < keys.size(); k++) {
                p += "/" + escape(keys.get(k));
                boolean last = k == keys.size() - 1;
                mark(p, start, last && !arrayOfTables);
                if (last && arrayOfTables) {
                    int index = arrays.merge(p, 1, Integer::sum) - 1;
                    p += "/" + index;
                    mark(p, start, true);
                } else if (arrays.containsKey(p)) {
                    p += "/" + (arrays.get(p) - 1);
                }
            }
            return p;
        }

        private void keyValue(String prefix) {
            skipBlank(false);
            int start = i;
            List<String> keys = keyPath();
            if (keys.isEmpty()) {
                return;
            }
            String p = prefix;
            for (int k = 0; k < keys.size(); k++) {
                p += "/" + escape(keys.get(k));
                mark(p, start, k == keys.size() - 1);
            }
            skipBlank(false);
            if (i < s.length() && s.charAt(i) == '=') {
                i++;
                skipBlank(false);
                value(p);
            }
        }

        private void value(String p) {
            if (i >= s.length()) {
                return;
            }
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                skipString();
            } else if (c == '[') {
                i++;
                for (int index = 0; ; index++) {
                    skipBlank(true);
                    if (i >= s.length() || s.charAt(i) == ']') {
                        i++;
                        return;
                    }
                    int before = i;
                    mark(p + "/" + index, i, true);
                    value(p + "/" + index);
                    skipBlank(true);
                    if (i < s.length() && s.charAt(i) == ',') {
                        i++;
                    } else if (i == before) {
                        i++;
                    }
                }
            } else if (c == '{') {
                i++;
                while (true) {
                    skipBlank(true);
                    if (i >= s.length() || s.charAt(i) == '}') {
                        i++;
                        return;
                    }
                    int before = i;
                    keyValue(p);
                    skipBlank(true);
                    if (i < s.length() && s.charAt(i) == ',') {
                        i++;
                    } else if (i == before) {
                        i++;
                    }
                }
            } else {
                while (i < s.length() && ",]}\n\r#".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
            }
        }

        private List<String> keyPath() {
            List<String> keys = new ArrayList<>();
            while (true) {
                skipBlank(false);
                if (i >= s.length()) {
                    return keys;
                }
                char c = s.charAt(i);
                if (c == '"') {
                    keys.add(basic());
                } else if (c == '\'') {
                    int end = s.indexOf('\'', i + 1);
                    end = end < 0 ? s.length() : end;
                    keys.add(s.substring(i + 1, end));
                    i = end + 1;
                } else {
                    int b = i;
                    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_'
                            || s.charAt(i) == '-')) {
                        i++;
                    }
                    if (i == b) {
                        return keys;
                    }
                    keys.add(s.substring(b, i));
                }
                skipBlank(false);
                if (i < s.length() && s.charAt(i) == '.') {
                    i++;
                } else {
                    return keys;
                }
            }
        }

        /** A basic (double-quoted, single-line) string's value; {@code i} is on the opening quote. */
        private String basic() {
            StringBuilder b = new StringBuilder();
            i++;
            while (i < s.length() && s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c != '\\' || i >= s.length()) {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'b' -> b.append('\b');
                    case 't' -> b.append('\t');
                    case 'n' -> b.append('\n');
                    case 'f' -> b.append('\f');
                    case 'r' -> b.append('\r');
                    case 'u', 'U' -> {
                        int len = e == 'u' ? 4 : 8;
                        int end = Math.min(s.length(), i + len);
                        try {
                            b.appendCodePoint(Integer.parseInt(s.substring(i, end), 16));
                        } catch (IllegalArgumentException x) {
                            b.append(s, i, end);
                        }
                        i = end;
                    }
                    default -> b.append(e);
                }
            }
            i++;
            return b.toString();
        }

        private void skipString() {
            char q = s.charAt(i);
            String triple = String.valueOf(q).repeat(3);
            if (s.startsWith(triple, i)) {
                int k = i + 3;
                while (k < s.length() && !s.startsWith(triple, k)) {
                    k += q == '"' && s.charAt(k) == '\\' ? 2 : 1;
                }
                k += 3;
                for (int extra = 0; extra < 2 && k < s.length() && s.charAt(k) == q; extra++) {
                    k++;
                }
                i = Math.min(k, s.length());
                return;
            }
            int k = i + 1;
            while (k < s.length() && s.charAt(k) != q && s.charAt(k) != '\n') {
                k += q == '"' && s.charAt(k) == '\\' ? 2 : 1;
            }
            i = Math.min(k + 1, s.length());
        }

        /** Skips spaces, tabs and comments, and newlines too when {@code lines} is set. */
        private void skipBlank(boolean lines) {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || lines && (c == '\n' || c == '\r')) {
                    i++;
                } else if (c == '#') {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        i++;
                    }
                } else {
                    return;
                }
            }
        }

        private void mark(String pointer, int index, boolean replace) {
            int line = lineOf(index);
            int[] lc = {line + 1, index - lineStarts[line] + 1};
            if (replace) {
                at.put(pointer, lc);
            } else {
                at.putIfAbsent(pointer, lc);
            }
        }

        private int lineOf(int index) {
            int k = java.util.Arrays.binarySearch(lineStarts, index);
            return k >= 0 ? k : -k - 2;
        }
    }
}
