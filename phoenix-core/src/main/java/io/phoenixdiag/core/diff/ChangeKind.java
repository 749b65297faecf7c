package io.phoenixdiag.core.diff;

/** How an item differs between the older and the newer deployment. */
public enum ChangeKind {
    /** Only in the newer deployment. */
    ADDED,
    /** Only in the older deployment. */
    REMOVED,
    /** In both, with different content. */
    CHANGED;

    /**
     * The kind seen from the other side (the diff of the newer against the older deployment).
     *
     * @return {@link #REMOVED} for {@link #ADDED}, {@link #ADDED} for {@link #REMOVED}, else {@link #CHANGED}
     */
    public ChangeKind inverse() {
        return switch (this) {
            case ADDED -> REMOVED;
            case REMOVED -> ADDED;
            case CHANGED -> CHANGED;
        };
    }

    /**
     * The lower-case name used in reports.
     *
     * @return {@code added}, {@code removed} or {@code changed}
     */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
