package io.phoenixdiag.core.config;

import io.phoenixdiag.core.config.JNode.JArray;
import io.phoenixdiag.core.config.JNode.JObject;
import io.phoenixdiag.core.config.JNode.JScalar;
import io.phoenixdiag.core.diag.Location;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A typed, lenient reader over one JSON object. Each accessor marks its key as used, converts drifted
 * types where the meaning is clear (numbers as strings and back, one string or a comma-separated
 * string for a list, a single object for a list of objects) and reports anything else as a
 * {@code config.invalid-value} finding, treating the field as absent. Element mappers may throw
 * {@link Skip} after reporting, to drop just that element. {@link #extras(String...)} returns the unused
 * keys. Not thread-safe.
 */
final class Fields {

    private static final Pattern COMMA = Pattern.compile("\\s*,\\s*");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,9}(\\.0+)?");
    private static final Pattern COMMA_OR_SPACE = Pattern.compile("[\\s,]+");

    private final JObject obj;
    private final LoadContext ctx;
    private final Set<String> used = new HashSet<>();

    private Fields(JObject obj, LoadContext ctx) {
        this.obj = obj;
        this.ctx = ctx;
    }

    /** Thrown by element mappers (after reporting) to skip one element; carries no stack trace. */
    static final class Skip extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Skip() {
            super("skipped", null, false, false);
        }
    }

    /** Reads a node as an object, reporting and skipping anything else. */
    static Fields of(JNode node, LoadContext ctx, String what) {
        if (node instanceof JObject) {
            return new Fields((JObject) node, ctx);
        }
        ctx.invalid(node, "an object (" + what + ")", "the " + what + " is skipped");
        throw new Skip();
    }

    LoadContext ctx() {
        return ctx;
    }

    JObject node() {
        return obj;
    }

    Location location() {
        return ctx.at(obj);
    }

    Optional<JNode> node(String... keys) {
        Optional<JNode> found = Optional.empty();
        for (String key : keys) {
            JNode n = obj.members().get(key);
            used.add(key);
            if (found.isEmpty() && n != null && !isNull(n)) {
                found = Optional.of(n);
            }
        }
        return found;
    }

    /** A required member; reports it missing and skips the element when absent. */
    JNode require(String key, String expected) {
        Optional<JNode> n = node(key);
        if (n.isEmpty()) {
            ctx.invalid(obj, "a field \"" + key + "\" with " + expected, "the element is skipped");
            throw new Skip();
        }
        return n.get();
    }

    String text(String... keys) {
        return node(keys).flatMap(n -> text(n, "a string")).orElse("");
    }

    OptionalInt integer(String... keys) {
        Optional<JNode> n = node(keys);
        return n.isEmpty() ? OptionalInt.empty() : integer(n.get(), "an integer");
    }

    boolean bool(String key, boolean absent) {
        return optBool(key).orElse(absent);
    }

    Optional<Boolean> optBool(String key) {
        Optional<JNode> n = node(key);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        String t = n.get() instanceof JScalar ? ((JScalar) n.get()).text().strip().toLowerCase(Locale.ROOT) : "";
        switch (t) {
            case "true": case "1": case "yes":
                return Optional.of(true);
            case "false": case "0": case "no":
                return Optional.of(false);
            default:
                ctx.invalid(n.get(), "a boolean (true or false)", "the field is ignored");
                return Optional.empty();
        }
    }

    Optional<Secret> secret(String key) {
        return node(key).flatMap(n -> text(n, "a string")).map(Secret::of);
    }

    /** A list of strings: an array of scalars, or one string split at commas. */
    List<String> texts(String... keys) {
        return strings(node(keys), COMMA);
    }

    /** A list of addresses: an array of scalars, or one string split at commas and white space. */
    List<String> addresses(String... keys) {
        return strings(node(keys), COMMA_OR_SPACE);
    }

    /** A list of integers: an array of numbers or numeric strings, or one string split at commas. */
    List<Integer> integers(String key) {
        List<Integer> out = new ArrayList<>();
        Optional<JNode> n = node(key);
        if (n.isPresent() && n.get() instanceof JScalar && ((JScalar) n.get()).kind() == JScalar.Kind.STRING) {
            for (String part : COMMA.split(((JScalar) n.get()).text().strip())) {
                if (!part.isEmpty()) {
                    parseInt(part).ifPresentOrElse(out::add,
                            () -> ctx.invalid(n.get(), "integers (guest ids)", "\"" + part + "\" is skipped"));
                }
            }
            return out;
        }
        for (JNode e : elements(n, "a list of integers")) {
            integer(e, "an integer").ifPresent(out::add);
        }
        return out;
    }

    /** An optional nested object mapped by {@code mapper}. */
    <T> Optional<T> object(String key, Function<Fields, T> mapper) {
        Optional<JNode> n = node(key);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.apply(of(n.get(), ctx, key)));
        } catch (Skip skip) {
            return Optional.empty();
        }
    }

    /** A list of objects (one object counts as a list of one); bad elements are reported and skipped. */
    <T> List<T> objects(Function<Fields, T> mapper, String what, String... keys) {
        Optional<JNode> n = node(keys);
        if (n.isPresent() && n.get() instanceof JObject) {
            return list(List.of(n.get()), e -> mapper.apply(of(e, ctx, what)));
        }
        return list(elements(n, "a list of " + what + " objects"), e -> mapper.apply(of(e, ctx, what)));
    }

    /** A list of any elements, each mapped by {@code mapper}, which may throw {@link Skip}. */
    <T> List<T> each(String key, String expected, Function<JNode, T> mapper) {
        return list(elements(node(key), expected), mapper);
    }

    /** An object whose members are objects, mapped with their key; bad members are reported and skipped. */
    <T> Map<String, T> entries(String key, String what, BiFunction<String, Fields, T> mapper) {
        Map<String, T> out = new LinkedHashMap<>();
        Optional<JNode> n = node(key);
        if (n.isEmpty()) {
            return out;
        }
        if (!(n.get() instanceof JObject)) {
            ctx.invalid(n.get(), "an object of " + what + " entries", "the field is ignored");
            return out;
        }
        for (Map.Entry<String, JNode> e : ((JObject) n.get()).members().entrySet()) {
            try {
                out.put(e.getKey(), mapper.apply(e.getKey(), of(e.getValue(), ctx, what)));
            } catch (Skip skip) {
                // reported
            }
        }
        return out;
    }

    /** An object of scalars as strings (e.g. {@code core_paths}). */
    Map<String, String> textMap(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        Optional<JNode> n = node(key);
        if (n.isPresent() && !(n.get() instanceof JObject)) {
            ctx.invalid(n.get(), "an object of strings", "the field is ignored");
        } else if (n.isPresent()) {
            ((JObject) n.get()).members().forEach((k, v) -> text(v, "a string").ifPresent(t -> out.put(k, t)));
        }
        return out;
    }

    /**
     * The members no accessor used, as raw JSON (secrets masked); each is reported as unknown unless
     * listed in {@code knownUntyped}.
     */
    Map<String, String> extras(String... knownUntyped) {
        Set<String> known = new HashSet<>(Arrays.asList(knownUntyped));
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JNode> e : obj.members().entrySet()) {
            if (!used.contains(e.getKey())) {
                out.put(e.getKey(), ctx.raw(e.getValue()));
                if (!known.contains(e.getKey())) {
                    ctx.unknown(e.getValue().pointer());
                }
            }
        }
        return out;
    }

    // ---- conversions of single nodes ----

    Optional<String> text(JNode n, String expected) {
        if (n instanceof JScalar && ((JScalar) n).kind() != JScalar.Kind.NULL) {
            return Optional.of(((JScalar) n).text());
        }
        if (!isNull(n)) {
            ctx.invalid(n, expected, "the value is ignored");
        }
        return Optional.empty();
    }

    OptionalInt integer(JNode n, String expected) {
        if (n instanceof JScalar) {
            Optional<Integer> v = parseInt(((JScalar) n).text());
            if (v.isPresent() && ((JScalar) n).kind() != JScalar.Kind.BOOLEAN) {
                return OptionalInt.of(v.get());
            }
        }
        if (!isNull(n)) {
            ctx.invalid(n, expected, "the value is ignored");
        }
        return OptionalInt.empty();
    }

    private static Optional<Integer> parseInt(String text) {
        String t = text.strip();
        if (INTEGER.matcher(t).matches()) {
            int dot = t.indexOf('.');
            return Optional.of(Integer.parseInt(dot < 0 ? t : t.substring(0, dot)));
        }
        return Optional.empty();
    }

    private List<String> strings(Optional<JNode> n, Pattern split) {
        List<String> out = new ArrayList<>();
        if (n.isPresent() && n.get() instanceof JScalar) {
            text(n.get(), "a string or a list of strings").ifPresent(t -> {
                for (String part : split.split(t.strip())) {
                    if (!part.isEmpty()) {
                        out.add(part);
                    }
                }
            });
            return out;
        }
        for (JNode e : elements(n, "a list of strings")) {
            text(e, "a string").ifPresent(out::add);
        }
        return out;
    }

    private List<JNode> elements(Optional<JNode> n, String expected) {
        if (n.isEmpty()) {
            return List.of();
        }
        if (n.get() instanceof JArray) {
            return ((JArray) n.get()).elements();
        }
        ctx.invalid(n.get(), expected, "the field is ignored");
        return List.of();
    }

    private static <T> List<T> list(List<JNode> nodes, Function<JNode, T> mapper) {
        List<T> out = new ArrayList<>();
        for (JNode e : nodes) {
            try {
                out.add(mapper.apply(e));
            } catch (Skip skip) {
                // reported by the mapper
            }
        }
        return out;
    }

    static boolean isNull(JNode n) {
        return n instanceof JScalar && ((JScalar) n).kind() == JScalar.Kind.NULL;
    }
}
