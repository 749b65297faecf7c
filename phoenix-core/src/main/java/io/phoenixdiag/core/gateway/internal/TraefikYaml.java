package io.phoenixdiag.core.gateway.internal;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.gateway.TraefikStaticConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Value readers shared by the Traefik static and dynamic parsers (Traefik's YAML and TOML conventions). */
final class TraefikYaml {

    private TraefikYaml() {
    }

    /** Builds a parser's result from the file label, the findings so far and the root (null when none). */
    @FunctionalInterface
    interface Builder<T> {
        T build(String file, List<Finding> findings, YamlTree root);
    }

    /**
     * Whether a file label names a TOML file: it ends with {@code .toml} or {@code .toml.template}, ignoring case.
     */
    static boolean isToml(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".toml") || n.endsWith(".toml.template");
    }

    /**
     * Parses YAML text, or TOML text when {@link #isToml(String) the file label says so}; a syntax error is a
     * finding and the root is then null.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code fileName} is empty
     */
    static <T> T parse(String fileName, String yaml, Builder<T> builder) {
        Objects.requireNonNull(yaml, "yaml");
        Location.ofFile(fileName);
        List<Finding> findings = new ArrayList<>();
        Optional<YamlTree> root = isToml(fileName)
                ? TomlTree.parse(fileName, yaml, TraefikStaticConfig.SYNTAX_CHECK, findings)
                : YamlTree.parse(fileName, yaml, TraefikStaticConfig.SYNTAX_CHECK, findings);
        return builder.build(fileName, findings, root.orElse(null));
    }

    /** Reads a file and parses it; an unreadable file gives the empty result with one ERROR finding. */
    static <T> T load(Path file, Builder<T> builder, String what) {
        String label = file.toString();
        String text;
        try {
            Utf8 u = Utf8.decode(Files.readAllBytes(file));
            if (!u.valid()) {
                Location bad = Location.ofLine(label, u.badLine(), u.badColumn());
                return builder.build(label, List.of(Finding.builder(TraefikStaticConfig.SYNTAX_CHECK, Severity.ERROR)
                        .title(what + " is not UTF-8")
                        .message(bad + ": invalid UTF-8 byte; YAML files must be UTF-8 (YAML 1.2 section 5.2),"
                                + " so Traefik cannot read this file and nothing in it takes effect.")
                        .subject(label).location(bad).remediation("Save the file as UTF-8.").build()), null);
            }
            text = u.text();
        } catch (IOException | RuntimeException e) {
            return builder.build(label, List.of(Finding.builder(TraefikStaticConfig.SYNTAX_CHECK, Severity.ERROR)
                    .title(what + " unreadable")
                    .message("Cannot read " + label + " (" + e.getClass().getSimpleName() + ").")
                    .subject(label).location(Location.ofFile(label))
                    .remediation("Check the path and its permissions.").build()), null);
        }
        return parse(label, text, builder);
    }

    /** A list value: a YAML sequence, or a comma-separated scalar as Traefik's flag syntax allows. */
    static List<String> strings(YamlTree n, String key) {
        Optional<YamlTree> v = n.get(key);
        if (v.isEmpty()) {
            return List.of();
        }
        if (v.get().kind() == YamlTree.Kind.SCALAR) {
            return v.get().scalar().isEmpty() ? List.of()
                    : Arrays.stream(v.get().scalar().split(",")).map(String::strip).toList();
        }
        return v.get().sequence().stream().map(YamlTree::scalar).toList();
    }

    /** A boolean value; anything but true/false is an ERROR finding and the default. */
    static boolean bool(YamlTree n, String key, boolean dflt, List<Finding> findings) {
        Optional<YamlTree> v = n.get(key);
        if (v.isEmpty() || v.get().kind() == YamlTree.Kind.SCALAR && v.get().scalar().isEmpty()) {
            return dflt;
        }
        String s = v.get().scalar().toLowerCase(Locale.ROOT);
        if (v.get().kind() == YamlTree.Kind.SCALAR && (s.equals("true") || s.equals("false"))) {
            return s.equals("true");
        }
        Location at = v.get().location();
        findings.add(Finding.builder(TraefikStaticConfig.VALUE_CHECK, Severity.ERROR).title("Invalid Traefik boolean")
                .message(at + ": \"" + key + "\" is \"" + v.get().scalar() + "\"; expected true or false. Traefik"
                        + " refuses it; the default " + dflt + " is assumed.")
                .subject(at.file()).location(at).remediation("Write true or false.").build());
        return dflt;
    }
}
