package io.phoenixdiag.core.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The roles of a deployment's components, each with its reason. Immutable and thread-safe.
 *
 * <p>Roles are inferred by {@link RoleInference} and can be overridden per component, from the API
 * ({@link #override}) or from a JSON roles file ({@link #readOverrides(Path)}) of this shape:
 * <pre>{@code
 * { "roles": [ { "subject": "lxc:101", "role": "gateway" },
 *              { "subject": "vm:1002", "role": "portainer-agent" } ] }
 * }</pre>
 * A component named in the overrides gets exactly the roles declared for it there; others keep their
 * inferred roles.
 *
 * @param assignments every role assignment, ordered by endpoint then role
 */
public record Roles(List<RoleAssignment> assignments) {

    /**
     * Sorts and copies the assignments, dropping repeats of the same endpoint and role (the first
     * reason wins).
     *
     * @param assignments the assignments
     */
    public Roles {
        Map<String, RoleAssignment> unique = new LinkedHashMap<>();
        assignments.stream()
                .sorted((a, b) -> {
                    int c = a.endpoint().compareTo(b.endpoint());
                    return c != 0 ? c : a.role().compareTo(b.role());
                })
                .forEach(a -> unique.putIfAbsent(a.endpoint().subject() + "/" + a.role(), a));
        assignments = List.copyOf(unique.values());
    }

    /**
     * The components holding a role, in endpoint order.
     *
     * @param role the role
     * @return the holders, possibly empty
     */
    public List<Endpoint> holders(Role role) {
        return assignments.stream().filter(a -> a.role() == role).map(RoleAssignment::endpoint).toList();
    }

    /**
     * The roles of one component.
     *
     * @param endpoint the component
     * @return its roles in enum order, possibly empty
     */
    public Set<Role> rolesOf(Endpoint endpoint) {
        Set<Role> out = new LinkedHashSet<>();
        assignments.stream().filter(a -> a.endpoint().equals(endpoint)).forEach(a -> out.add(a.role()));
        return out;
    }

    /**
     * Whether a component holds a role.
     *
     * @param endpoint the component
     * @param role     the role
     * @return true when assigned
     */
    public boolean has(Endpoint endpoint, Role role) {
        return assignments.stream().anyMatch(a -> a.endpoint().equals(endpoint) && a.role() == role);
    }

    /**
     * These roles with the given overrides applied: every component named in {@code overrides} gets
     * exactly the overriding roles.
     *
     * @param overrides the declared roles (their reasons should say where they were declared)
     * @return the new roles
     */
    public Roles override(List<RoleAssignment> overrides) {
        Set<Endpoint> named = new LinkedHashSet<>();
        overrides.forEach(o -> named.add(o.endpoint()));
        List<RoleAssignment> out = new ArrayList<>();
        assignments.stream().filter(a -> !named.contains(a.endpoint())).forEach(out::add);
        out.addAll(overrides);
        return new Roles(out);
    }

    /**
     * Reads a JSON roles file (shape in the class comment).
     *
     * @param file the file
     * @return the declared assignments, with reason {@code declared in <file>#/roles/<i>}
     * @throws RolesFileException if the file cannot be read, is not JSON, or an entry lacks a valid
     *                            {@code subject} or {@code role}; the message names the file, the
     *                            JSON pointer (or line and column) and what was expected
     */
    public static List<RoleAssignment> readOverrides(Path file) throws RolesFileException {
        Objects.requireNonNull(file, "file");
        String label = file.toString();
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new RolesFileException(label + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr())
                    + ": not valid JSON: " + jsonProblem(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new RolesFileException(label + ": cannot read: "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        }
        if (root == null || !root.path("roles").isArray()) {
            throw new RolesFileException(label + "#/roles: expected an array of {\"subject\", \"role\"} objects");
        }
        List<RoleAssignment> out = new ArrayList<>();
        JsonNode roles = root.get("roles");
        for (int i = 0; i < roles.size(); i++) {
            JsonNode entry = roles.get(i);
            String pointer = "/roles/" + i;
            if (!entry.isObject()) {
                throw new RolesFileException(label + "#" + pointer + ": expected an object {\"subject\", \"role\"} but got "
                        + entry.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            Endpoint endpoint = parseField(label, pointer + "/subject", entry.get("subject"), Endpoint::parse);
            Role role = parseField(label, pointer + "/role", entry.get("role"), Role::parse);
            out.add(new RoleAssignment(endpoint, role, "declared in " + label + "#" + pointer));
        }
        return out;
    }

    /** Parses one string member, naming its exact JSON pointer when it is missing, not a string or invalid. */
    private static <T> T parseField(String label, String pointer, JsonNode value,
                                    java.util.function.Function<String, T> parser) throws RolesFileException {
        if (value == null || !value.isTextual()) {
            throw new RolesFileException(label + "#" + pointer + ": expected a string but got "
                    + (value == null ? "nothing" : value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        try {
            return parser.apply(value.asText());
        } catch (IllegalArgumentException e) {
            throw new RolesFileException(label + "#" + pointer + ": " + e.getMessage());
        }
    }

    /** Jackson's message without its source excerpt ("(start marker at [Source: ...])"). */
    static String jsonProblem(String message) {
        String m = message == null ? "" : message;
        int cut = m.indexOf(" (start marker at");
        if (cut < 0) {
            cut = m.indexOf(" at [Source");
        }
        m = cut < 0 ? m : m.substring(0, cut);
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /**
     * A roles file that cannot be used. The message names the file, where in it, and what was expected.
     */
    public static final class RolesFileException extends IOException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message file, location and expectation
         */
        public RolesFileException(String message) {
            super(message);
        }
    }
}
