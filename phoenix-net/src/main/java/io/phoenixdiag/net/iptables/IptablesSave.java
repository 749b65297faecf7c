package io.phoenixdiag.net.iptables;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.net.iptables.internal.SaveParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A parsed {@code iptables-save} / {@code ip6tables-save} dump (also {@code iptables-legacy-save},
 * {@code iptables-nft-save}, with or without {@code -c}): the syntax-faithful model with line numbers and
 * the diagnostics found while reading it.
 *
 * <p>Parsing never throws on bad content: every oddity is a {@link Finding} in {@link #diagnostics()}
 * with its line and column (ids {@code iptables.parse.*}; {@link Severity#ERROR} for what
 * {@code iptables-restore} itself would refuse, {@link Severity#WARNING} for what we cannot interpret,
 * such as an unknown match module or option), and the rest of the dump is kept. A dump holding several
 * {@code iptables-save} outputs one after another (a table repeats, typically legacy then nft) becomes
 * several {@link Ruleset}s, all of which a packet must pass.
 *
 * <p>Immutable and thread-safe.
 *
 * @param source             the file name or label given to the parser (used in locations)
 * @param rulesets           the rulesets in dump order (usually one)
 * @param diagnostics        parse errors and warnings, in line order
 * @param legacyTablesHidden whether the dump carries iptables-nft's line
 *                           {@code # Warning: iptables-legacy tables present, use iptables-legacy-save to see them}:
 *                           legacy rules are active in the kernel but not in this dump
 */
public record IptablesSave(String source, List<Ruleset> rulesets, List<Finding> diagnostics,
                           boolean legacyTablesHidden) {
    /**
     * Validates and copies the components.
     *
     * @param source             the source label
     * @param rulesets           the rulesets
     * @param diagnostics        the diagnostics
     * @param legacyTablesHidden whether legacy tables were reported hidden
     * @throws NullPointerException if a component is null
     */
    public IptablesSave {
        Objects.requireNonNull(source, "source");
        rulesets = List.copyOf(rulesets);
        diagnostics = List.copyOf(diagnostics);
    }

    /**
     * Parses dump text.
     *
     * @param source a file name or label for locations, e.g. {@code iptables.rules} or {@code <stdin>}; not empty
     * @param text   the whole dump
     * @return the model and its diagnostics; never null
     * @throws IllegalArgumentException if {@code source} is empty
     */
    public static IptablesSave parse(String source, String text) {
        if (source.isEmpty()) {
            throw new IllegalArgumentException("source must not be empty");
        }
        return SaveParser.parse(source, text);
    }

    /**
     * Reads and parses a dump file (UTF-8; invalid bytes are replaced).
     *
     * @param file the file
     * @return the model; its source is the file name as given
     * @throws IOException if the file cannot be read
     */
    public static IptablesSave parse(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return parse(file.toString(), new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * The diagnostics of severity ERROR or worse.
     *
     * @return the errors, in line order
     */
    public List<Finding> errors() {
        return diagnostics.stream().filter(f -> f.severity().compareTo(Severity.ERROR) >= 0).toList();
    }

    /**
     * The diagnostics of severity WARNING.
     *
     * @return the warnings, in line order
     */
    public List<Finding> warnings() {
        return diagnostics.stream().filter(f -> f.severity() == Severity.WARNING).toList();
    }

    /**
     * The number of tables over all rulesets.
     *
     * @return the table count
     */
    public int tableCount() {
        return rulesets.stream().mapToInt(r -> r.tables().size()).sum();
    }

    /**
     * The number of chains over all tables.
     *
     * @return the chain count
     */
    public int chainCount() {
        return rulesets.stream().flatMap(r -> r.tables().stream()).mapToInt(t -> t.chains().size()).sum();
    }

    /**
     * The number of rules over all chains.
     *
     * @return the rule count
     */
    public int ruleCount() {
        return rulesets.stream().flatMap(r -> r.tables().stream()).mapToInt(Table::ruleCount).sum();
    }
}
