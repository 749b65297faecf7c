package io.phoenixdiag.core.diff;

import java.util.List;
import java.util.Objects;

/**
 * A guest that was added, removed or changed.
 *
 * @param subject the guest's endpoint, e.g. {@code lxc:103} or {@code vm:1001}
 * @param nameBefore its name in the older deployment, or {@code ""} when added
 * @param nameAfter  its name in the newer deployment, or {@code ""} when removed
 * @param change  how it differs
 * @param fields  the differing fields in a fixed order (name, address, prefix_length, mac, bridge,
 *                nameservers, features, services, mounts, dependencies, clone_source, portainer_role,
 *                application_script, ca_url, firewall_enabled, active); for an added or removed guest
 *                every non-empty field
 */
public record GuestChange(String subject, String nameBefore, String nameAfter, ChangeKind change, List<FieldChange> fields) {
    /**
     * Validates and copies the components.
     *
     * @param subject the endpoint
     * @param nameBefore the older name
     * @param nameAfter  the newer name
     * @param change  the kind of change
     * @param fields  the differing fields
     * @throws NullPointerException if a component is null
     */
    public GuestChange {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(nameBefore, "nameBefore");
        Objects.requireNonNull(nameAfter, "nameAfter");
        Objects.requireNonNull(change, "change");
        fields = List.copyOf(fields);
    }

    /**
     * The guest's name for display: the newer name, or the older one when the guest was removed.
     *
     * @return the name
     */
    public String name() {
        return nameAfter.isEmpty() ? nameBefore : nameAfter;
    }

    /**
     * The same change seen from the other side.
     *
     * @return the change with its kind and fields inverted
     */
    public GuestChange inverse() {
        return new GuestChange(subject, nameAfter, nameBefore, change.inverse(), fields.stream().map(FieldChange::inverse).toList());
    }
}
