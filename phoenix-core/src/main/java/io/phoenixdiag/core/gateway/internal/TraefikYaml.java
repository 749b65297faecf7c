package io.phoenixdiag.core.gateway.internal;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.gateway.TraefikStaticConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Value readers shared by the Traefik static and dynamic parsers (Traefik's YAML conventions). */
final class TraefikYaml {

    private TraefikYaml() {
    }

    /**
     * Reads a file and parses it; an unreadable file gives the empty result with one ERROR finding.
     *
     * @param file  the file
     * @param parse parses (label, text)
     * @param empty builds the empty result from the unreadable-file finding
     * @param what  what the file is, for the finding's title
     * @param <T>   the result type
     * @return the result
     */
    static <T> T load(Path file, BiFunction<String, String, T> parse, Function<Finding, T> empty, String what) {
        String label = file.toString();
        try {
            return parse.apply(label, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return empty.apply(Finding.builder(TraefikStaticConfig.SYNTAX_CHECK, Severity.ERROR)
                    .title(what + " unreadable")
                    .message("Cannot read " + label + " (" + e.getClass().getSimpleName() + ").")
                    .subject(label).location(Location.ofFile(label))
                    .remediation("Check the path and its permissions.").build());
        }
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
