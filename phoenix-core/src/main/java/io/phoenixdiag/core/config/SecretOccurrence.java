package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.Objects;

/**
 * One place where a config holds a secret value, found while loading (see {@link Secret} for the rules).
 * Used by the "plaintext secrets in config" check and by redaction tests.
 *
 * <p>Immutable and thread-safe; printing it never shows the value.
 *
 * @param location    where the value is (file, JSON pointer of the value, line, column)
 * @param fieldName   the field holding the value ({@code admin_password}), or for a named variable its
 *                    name ({@code DATABASE_PASS})
 * @param kind        why the value is secret
 * @param placeholder {@code true} when the value is a placeholder ({@link Secret#isPlaceholder(String)}), not a
 *                    real plaintext secret
 * @param value       the value, masked when printed
 */
public record SecretOccurrence(Location location, String fieldName, Kind kind, boolean placeholder, Secret value) {

    /**
     * Validates the components.
     *
     * @param location the location
     * @param fieldName the field name
     * @param kind the kind
     * @param placeholder whether a placeholder
     * @param value the value
     * @throws NullPointerException if a component is null
     */
    public SecretOccurrence {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(fieldName, "fieldName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /** Why a value counts as secret. */
    public enum Kind {
        /** The field's own name says so ({@code admin_password}, {@code password_hash}, {@code api_token}). */
        FIELD_NAME,
        /** A sibling {@code name} says so ({@code {"name": "DATABASE_PASS", "value": ...}}). */
        NAMED_VALUE,
        /** The value is PEM private-key material. */
        KEY_MATERIAL
    }
}
