package io.phoenixdiag.core.config;

import java.util.List;
import java.util.Map;

/**
 * A node of a parsed JSON document that remembers where it was read: its RFC 6901 JSON pointer and
 * the 1-based line and column of its first character. Package-private: the typed records are the
 * public model.
 */
sealed interface JNode {

    /** @return RFC 6901 pointer of this node ({@code ""} for the root) */
    String pointer();

    /** @return 1-based line of the node's first token */
    int line();

    /** @return 1-based column of the node's first token */
    int column();

    /** @return a short name of the node's JSON type for messages: object, array, string, number, boolean, null */
    String typeName();

    /**
     * A JSON object; members keep their document order, a repeated key keeps the last value (as jq).
     *
     * @param pointer  pointer
     * @param line     line
     * @param column   column
     * @param members  member values by key, document order
     * @param keyLines line and column of each member's (last) key, as {@code int[2]}
     */
    record JObject(String pointer, int line, int column, Map<String, JNode> members, Map<String, int[]> keyLines)
            implements JNode {
        public JObject {
            // the parser hands over fresh maps it never touches again: wrap, do not copy (large files)
            members = java.util.Collections.unmodifiableMap(members);
            keyLines = java.util.Collections.unmodifiableMap(keyLines);
        }

        @Override
        public String typeName() {
            return "object";
        }
    }

    /**
     * A JSON array.
     *
     * @param pointer  pointer
     * @param line     line
     * @param column   column
     * @param elements the elements in order
     */
    record JArray(String pointer, int line, int column, List<JNode> elements) implements JNode {
        public JArray {
            elements = java.util.Collections.unmodifiableList(elements); // fresh list from the parser
        }

        @Override
        public String typeName() {
            return "array";
        }
    }

    /**
     * A JSON string, number, boolean or null.
     *
     * @param pointer pointer
     * @param line    line
     * @param column  column
     * @param kind    which scalar
     * @param text    the string's value, the number's literal text, {@code true}/{@code false}, or {@code null}
     */
    record JScalar(String pointer, int line, int column, Kind kind, String text) implements JNode {
        @Override
        public String typeName() {
            return kind.name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Which JSON scalar. */
        enum Kind { STRING, NUMBER, BOOLEAN, NULL }
    }

    /**
     * Escapes one reference token for an RFC 6901 pointer ({@code ~} as {@code ~0}, {@code /} as {@code ~1}).
     *
     * @param token the key or index
     * @return the escaped token
     */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
