package io.phoenixdiag.core.diff;

import java.util.List;
import java.util.Objects;

/**
 * An intended flow that appeared, disappeared or changed.
 *
 * @param flowId the flow key, e.g. {@code lxc:102->lxc:103/tcp/9000}
 * @param change how it differs
 * @param fields the differing fields in a fixed order ({@code scheme}, {@code purpose}, {@code active});
 *               for an added or removed flow every non-empty field
 */
public record FlowChange(String flowId, ChangeKind change, List<FieldChange> fields) {
    /**
     * Validates and copies the components.
     *
     * @param flowId the flow key
     * @param change the kind of change
     * @param fields the differing fields
     * @throws NullPointerException if a component is null
     */
    public FlowChange {
        Objects.requireNonNull(flowId, "flowId");
        Objects.requireNonNull(change, "change");
        fields = List.copyOf(fields);
    }

    /**
     * The same change seen from the other side.
     *
     * @return the change with its kind and fields inverted
     */
    public FlowChange inverse() {
        return new FlowChange(flowId, change.inverse(), fields.stream().map(FieldChange::inverse).toList());
    }
}
