package io.phoenixdiag.core.topology;

import java.util.Objects;

/**
 * A role given to an endpoint, with the reason it was given (an inference rule or a user override).
 * Immutable and thread-safe.
 *
 * @param endpoint the component
 * @param role     its role
 * @param reason   why, e.g. {@code feature step_ca in phoenix_lxc_configs.json#/lxc_configs/103/features}
 *                 or {@code declared in roles.json}
 */
public record RoleAssignment(Endpoint endpoint, Role role, String reason) {
    /**
     * Validates the components.
     *
     * @param endpoint the component
     * @param role     its role
     * @param reason   why; not blank
     * @throws IllegalArgumentException if the reason is blank
     */
    public RoleAssignment {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a role assignment needs a reason");
        }
    }
}
