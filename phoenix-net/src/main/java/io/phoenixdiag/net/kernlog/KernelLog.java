package io.phoenixdiag.net.kernlog;

import io.phoenixdiag.core.diag.Finding;
import java.util.List;
import java.util.Objects;

/**
 * The LOG lines of one input and what could not be read.
 *
 * <p>Immutable and thread-safe.
 *
 * @param source      the file name or label
 * @param lines       the LOG lines in input order
 * @param otherLines  how many lines were not netfilter LOG lines (other kernel messages, blank lines)
 * @param warnings    one WARNING finding per malformed LOG line ({@code kernlog.malformed}), with its line number
 */
public record KernelLog(String source, List<LogLine> lines, int otherLines, List<Finding> warnings) {
    /**
     * Validates and copies the components.
     *
     * @param source     the source
     * @param lines      the lines
     * @param otherLines the count of other lines
     * @param warnings   the warnings
     * @throws NullPointerException if a component is null
     */
    public KernelLog {
        Objects.requireNonNull(source, "source");
        lines = List.copyOf(lines);
        warnings = List.copyOf(warnings);
    }
}
