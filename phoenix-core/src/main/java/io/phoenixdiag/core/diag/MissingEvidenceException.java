package io.phoenixdiag.core.diag;

import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Thrown by {@link CheckContext#require(Class)} when the context holds no evidence of a type.
 *
 * <p>{@link CheckRunner} turns it into a not-run entry ({@code needs X}), not into a failure.
 */
public class MissingEvidenceException extends NoSuchElementException {

    private static final long serialVersionUID = 1L;

    /** The missing evidence type's name. */
    private final String typeName;

    /**
     * Creates the exception.
     *
     * @param type the missing evidence type
     */
    public MissingEvidenceException(Class<?> type) {
        super("no evidence of type " + type.getName() + " in the check context");
        this.typeName = Objects.requireNonNull(type, "type").getName();
    }

    /**
     * The missing type.
     *
     * @return the binary name of the missing evidence type
     */
    public String typeName() {
        return typeName;
    }
}
