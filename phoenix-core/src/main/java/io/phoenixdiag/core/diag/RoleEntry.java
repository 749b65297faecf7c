package io.phoenixdiag.core.diag;

import java.util.Objects;

/**
 * A role a component plays in the deployment, and why the SDK thinks so.
 *
 * <p>Part of the report contract (JSON {@code roles[]}: {@code subject}, {@code role}, {@code reason}).
 * Immutable and thread-safe.
 *
 * @param subject the component, a subject string such as {@code lxc:103} or {@code host}
 * @param role    the role, lower-case, such as {@code gateway}, {@code router}, {@code ca}, {@code dns},
 *                {@code portainer-server}, {@code portainer-agent}, {@code backend}
 * @param reason  why, one sentence naming the config field or the user's roles file, e.g.
 *                {@code feature step_ca (phoenix_lxc_configs.json#/lxc_configs/103/features)}
 */
public record RoleEntry(String subject, String role, String reason) {

    /**
     * Validates the components.
     *
     * @param subject the component
     * @param role the role
     * @param reason why
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code subject} or {@code role} is blank
     */
    public RoleEntry {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(reason, "reason");
        if (subject.isBlank() || role.isBlank()) {
            throw new IllegalArgumentException("role entry needs a subject and a role");
        }
    }

    /**
     * Creates a role entry.
     *
     * @param subject the component, not blank
     * @param role    the role, not blank
     * @param reason  why
     * @return the entry
     */
    public static RoleEntry of(String subject, String role, String reason) {
        return new RoleEntry(subject, role, reason);
    }
}
