package io.phoenixdiag.core.gateway.internal;

import io.phoenixdiag.core.gateway.NginxDirective;
import java.util.List;

/** Renders nginx directives back to text. Stateless and thread-safe. */
public final class NginxRenderer {

    private NginxRenderer() {
    }

    /**
     * Renders directives with four-space indentation.
     *
     * @param directives the directives
     * @return the text
     */
    public static String render(List<NginxDirective> directives) {
        StringBuilder sb = new StringBuilder();
        render(directives, 0, sb);
        return sb.toString();
    }

    private static void render(List<NginxDirective> ds, int depth, StringBuilder sb) {
        for (NginxDirective d : ds) {
            sb.append("    ".repeat(depth)).append(quote(d.name()));
            for (String a : d.args()) {
                sb.append(' ').append(quote(a));
            }
            if (d.block()) {
                sb.append(" {\n");
                render(d.children(), depth + 1, sb);
                sb.append("    ".repeat(depth)).append("}\n");
            } else {
                sb.append(";\n");
            }
        }
    }

    /**
     * Quotes a word when nginx would otherwise split or reinterpret it.
     *
     * @param w the word
     * @return the word as written in a configuration file
     */
    public static String quote(String w) {
        boolean plain = !w.isEmpty();
        for (int k = 0; k < w.length() && plain; k++) {
            char c = w.charAt(k);
            plain = !Character.isWhitespace(c) && c != ';' && c != '{' && c != '}' && c != '#'
                    && c != '"' && c != '\'' && c != '\\';
        }
        if (plain) {
            return w;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int k = 0; k < w.length(); k++) {
            char c = w.charAt(k);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
