package io.phoenixdiag.core.gateway;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.gateway.internal.NginxConfParser;
import io.phoenixdiag.core.gateway.internal.NginxRenderer;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A parsed nginx configuration: the top-level directives (with {@code include}s already replaced by the
 * directives of the files they name) and the findings met while parsing (warnings as data).
 *
 * <p>Parsing never throws on bad input: a syntax error becomes an ERROR finding with check id
 * {@value #SYNTAX_CHECK} naming file, line, column and what was expected, and parsing goes on with the
 * rest of the file; an {@code include} that names a missing or unreadable file becomes a finding with
 * check id {@value #INCLUDE_CHECK}. Immutable and thread-safe.
 *
 * @param directives the top-level directives in file order
 * @param findings   the findings in the order met
 * @param files      every file read, the main file first, then included files in the order read
 */
public record NginxConfig(List<NginxDirective> directives, List<Finding> findings, List<String> files) {

    /** Check id of syntax-error findings. */
    public static final String SYNTAX_CHECK = "gateway.nginx-syntax";

    /** Check id of findings about {@code include} directives. */
    public static final String INCLUDE_CHECK = "gateway.nginx-include";

    /**
     * Validates and copies the components.
     *
     * @param directives the top-level directives
     * @param findings the findings
     * @param files the files read
     * @throws NullPointerException if a component or list element is null
     */
    public NginxConfig {
        directives = List.copyOf(directives);
        findings = List.copyOf(findings);
        files = List.copyOf(files);
    }

    /**
     * Parses configuration text. {@code include} directives are kept as directives (nothing is read from
     * disk).
     *
     * @param fileName the file name used in locations and findings; not empty
     * @param text     the configuration text
     * @return the parsed configuration; never null
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code fileName} is empty
     */
    public static NginxConfig parse(String fileName, String text) {
        return NginxConfParser.parse(fileName, text);
    }

    /**
     * Reads and parses a configuration file, replacing each {@code include} by the directives of the
     * files it names. As in nginx ({@code ngx_conf_include}), a relative include path is resolved
     * against {@code root} (nginx's configuration prefix, such as {@code /etc/nginx}); a path with
     * glob characters ({@code * ? [}) includes every matching file in name order and may match none; a
     * path without them must name a readable file. Include cycles are reported and cut.
     *
     * @param file the main file
     * @param root the directory relative include paths are resolved against
     * @return the parsed configuration; an unreadable main file gives no directives and one finding
     * @throws NullPointerException if an argument is null
     */
    public static NginxConfig load(Path file, Path root) {
        return NginxConfParser.load(file, root);
    }

    /**
     * Renders directives back to nginx syntax (four-space indentation, arguments quoted only where needed),
     * such that {@link #parse(String, String)} of the result gives the same names, arguments and nesting.
     *
     * @param directives the directives to render
     * @return the configuration text, ending with a newline when not empty
     * @throws NullPointerException if {@code directives} is null
     */
    public static String render(List<NginxDirective> directives) {
        return NginxRenderer.render(directives);
    }

    /**
     * Every directive with a given name at any depth, in document order.
     *
     * @param name the directive name
     * @return the matching directives; empty when none
     */
    public List<NginxDirective> find(String name) {
        java.util.ArrayList<NginxDirective> out = new java.util.ArrayList<>();
        collect(directives, Objects.requireNonNull(name, "name"), out);
        return List.copyOf(out);
    }

    private static void collect(List<NginxDirective> ds, String name, List<NginxDirective> out) {
        for (NginxDirective d : ds) {
            if (d.name().equals(name)) {
                out.add(d);
            }
            collect(d.children(), name, out);
        }
    }
}
