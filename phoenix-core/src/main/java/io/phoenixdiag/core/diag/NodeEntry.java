package io.phoenixdiag.core.diag;

import java.util.Objects;

/**
 * A component of the topology, as drawn in the report's diagram.
 *
 * <p>Part of the report contract (JSON {@code nodes[]}: {@code id}, {@code label}, {@code address},
 * {@code kind}, {@code active}). Immutable and thread-safe. Nodes are supplied by the caller (the
 * topology); flows refer to them by {@link #id()}.
 *
 * @param id      the subject string of the component: {@code host}, {@code external},
 *                {@code lxc:103}, {@code vm:1001}
 * @param label   a human name, e.g. the guest's name {@code Step-CA}, or {@code ""}
 * @param address the main IP address (without prefix length), or {@code ""} when it has none
 * @param kind    the kind of component, lower-case: {@code host}, {@code lxc}, {@code vm}, {@code external}
 * @param active  {@code false} for a guest not started at boot or a VM template (drawn greyed)
 */
public record NodeEntry(String id, String label, String address, String kind, boolean active) {

    /**
     * Validates the components.
     *
     * @param id the subject string
     * @param label the human name or {@code ""}
     * @param address the address or {@code ""}
     * @param kind the kind
     * @param active whether it is active
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code id} or {@code kind} is blank
     */
    public NodeEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(kind, "kind");
        if (id.isBlank() || kind.isBlank()) {
            throw new IllegalArgumentException("node needs an id and a kind");
        }
    }

    /**
     * Creates a node.
     *
     * @param id      the subject string, e.g. {@code lxc:103}
     * @param label   the human name or {@code ""}
     * @param address the address or {@code ""}
     * @param kind    {@code host}, {@code lxc}, {@code vm} or {@code external}
     * @param active  whether it is active
     * @return the node
     */
    public static NodeEntry of(String id, String label, String address, String kind, boolean active) {
        return new NodeEntry(id, label, address, kind, active);
    }

    /**
     * Creates an active node whose kind is the part of {@code id} before {@code ':'} (all of it when
     * there is none): {@code lxc:103} is an {@code lxc}, {@code host} a {@code host}.
     *
     * @param id      the subject string
     * @param label   the human name or {@code ""}
     * @param address the address or {@code ""}
     * @return the node
     */
    public static NodeEntry of(String id, String label, String address) {
        int colon = id.indexOf(':');
        return new NodeEntry(id, label, address, colon > 0 ? id.substring(0, colon) : id, true);
    }
}
