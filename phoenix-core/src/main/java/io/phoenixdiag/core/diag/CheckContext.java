package io.phoenixdiag.core.diag;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The evidence a {@link Check} looks at: an immutable bag of values keyed by their type, plus a clock.
 *
 * <p>Evidence is looked up by the exact class it was {@linkplain Builder#put(Class, Object) put} under
 * (no supertype search), so a type is a name for one piece of evidence: the deployment model, an
 * {@code iptables-save} rule set, probe results, a capture. New kinds of evidence are new types; the
 * framework never changes for them. Wrap generic values (lists, maps) in a record of their own.
 *
 * <p>Immutable and thread-safe when the evidence values are (the framework's own values are records).
 * Build with {@link #builder()}: {@code CheckContext.builder().put(Deployment.class, d).clock(clock).build()}.
 */
public final class CheckContext {

    private final Map<Class<?>, Object> evidence;
    private final Clock clock;

    private CheckContext(Map<Class<?>, Object> evidence, Clock clock) {
        this.evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
        this.clock = clock;
    }

    /**
     * Starts an empty context whose clock is {@link Clock#systemUTC()}.
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * An empty context with the system UTC clock.
     *
     * @return the context
     */
    public static CheckContext empty() {
        return builder().build();
    }

    /**
     * A builder holding this context's evidence and clock, to derive a context with more evidence.
     *
     * @return a new builder; not thread-safe
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.evidence.putAll(evidence);
        b.clock = clock;
        return b;
    }

    /**
     * Looks a piece of evidence up.
     *
     * @param type the class it was put under
     * @param <T>  its type
     * @return the value, or empty when the context has none of that type
     */
    public <T> Optional<T> get(Class<T> type) {
        return Optional.ofNullable(type.cast(evidence.get(type)));
    }

    /**
     * Returns a piece of evidence a check cannot work without.
     *
     * @param type the class it was put under
     * @param <T>  its type
     * @return the value
     * @throws MissingEvidenceException if the context has none of that type
     */
    public <T> T require(Class<T> type) {
        Object value = evidence.get(type);
        if (value == null) {
            throw new MissingEvidenceException(type);
        }
        return type.cast(value);
    }

    /**
     * Whether the context holds evidence of a type.
     *
     * @param type the class
     * @return {@code true} if it does
     */
    public boolean has(Class<?> type) {
        return evidence.containsKey(type);
    }

    /**
     * The types of evidence the context holds.
     *
     * @return an unmodifiable set, in the order they were put
     */
    public Set<Class<?>> types() {
        return evidence.keySet();
    }

    /**
     * The clock checks use for anything time-dependent (certificate validity, ages), so tests can fix it.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Lists the evidence types, never their values (which may hold secrets).
     *
     * @return e.g. {@code CheckContext[Deployment, Topology]}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CheckContext[");
        String sep = "";
        for (Class<?> type : evidence.keySet()) {
            sb.append(sep).append(type.getSimpleName());
            sep = ", ";
        }
        return sb.append(']').toString();
    }

    /**
     * Builder for {@link CheckContext}. Not thread-safe; {@link #build()} may be called more than once.
     */
    public static final class Builder {
        private final Map<Class<?>, Object> evidence = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Puts a piece of evidence, replacing an earlier value of the same type.
         *
         * @param type  the class to file it under (checks look it up by exactly this class)
         * @param value the value
         * @param <T>   its type
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws ClassCastException if {@code value} is not an instance of {@code type}
         */
        public <T> Builder put(Class<T> type, T value) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "value");
            evidence.put(type, type.cast(value));
            return this;
        }

        /**
         * Sets the clock.
         *
         * @param clock the clock checks read the time from
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the context.
         *
         * @return the immutable context
         */
        public CheckContext build() {
            return new CheckContext(evidence, clock);
        }
    }
}
