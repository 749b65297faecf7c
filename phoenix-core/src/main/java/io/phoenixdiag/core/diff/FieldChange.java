package io.phoenixdiag.core.diff;

import java.util.Objects;

/**
 * One field whose value differs. Values are rendered as text: lists joined with {@code ", "}, absent
 * values as {@code ""} (so an added item has every non-empty field with {@code before} empty).
 *
 * @param field  the field name as the report shows it, e.g. {@code address}, {@code firewall_enabled}
 * @param before the value in the older deployment, or {@code ""}
 * @param after  the value in the newer deployment, or {@code ""}
 */
public record FieldChange(String field, String before, String after) {
    /**
     * Validates the components.
     *
     * @param field  the field name
     * @param before the older value
     * @param after  the newer value
     * @throws NullPointerException if a component is null
     */
    public FieldChange {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /**
     * The same change seen from the other side.
     *
     * @return a change with {@code before} and {@code after} swapped
     */
    public FieldChange inverse() {
        return new FieldChange(field, after, before);
    }
}
