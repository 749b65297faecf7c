package io.phoenixdiag.core.evidence;

import io.phoenixdiag.core.config.LoadResult;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The {@code MANIFEST} of an evidence archive: what the collector gathered, from where, and what it could
 * not. Format (written by {@code phoenix-collect.sh}): UTF-8 text; header lines {@code # phoenix-evidence 1},
 * {@code # host NAME}, {@code # collected SECONDS-SINCE-EPOCH}, {@code # phoenix-etc DIR}; then one line per
 * item with four tab-separated fields: kind, path in the archive ({@code -} when nothing was stored), origin
 * on the host (a file or a command), note (e.g. {@code absent}, {@code withheld: ...}). Immutable and
 * thread-safe.
 *
 * @param formatVersion the format version, 1
 * @param host          the host name the collector ran on (the Proxmox node name), or {@code ""}
 * @param collectedAt   seconds since the epoch when the collector started, when written
 * @param phoenixEtc    the Phoenix JSON directory on the host, or {@code ""}
 * @param items         the items in written order
 */
public record EvidenceManifest(int formatVersion, String host, OptionalLong collectedAt, String phoenixEtc,
                               List<Item> items) {
    /** The format version this release reads. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Validates and copies the components.
     *
     * @param formatVersion the format version
     * @param host          the host name
     * @param collectedAt   the collection time
     * @param phoenixEtc    the Phoenix directory
     * @param items         the items
     * @throws NullPointerException if a component is null
     */
    public EvidenceManifest {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(collectedAt, "collectedAt");
        Objects.requireNonNull(phoenixEtc, "phoenixEtc");
        items = List.copyOf(items);
    }

    /**
     * One collected (or missing) item.
     *
     * @param kind   what it is: {@code phoenix-json}, {@code pve-fw}, {@code pve-host-fw}, {@code guest-conf},
     *               {@code iptables-legacy-save}, {@code iptables-nft-save}, {@code nft-ruleset},
     *               {@code certificate}, {@code private-key-info}, {@code trust-store}, {@code step-defaults},
     *               {@code kernel-log}, {@code clock} (others are kept as written)
     * @param path   the path inside the archive, or {@code ""} when nothing was stored
     * @param origin where it came from on the host: a file path, {@code lxc:<id>:<path>} or a command
     * @param note   the collector's note, or {@code ""}
     * @param line   the 1-based manifest line
     */
    public record Item(String kind, String path, String origin, String note, int line) {
        /**
         * Validates the components.
         *
         * @param kind   the kind
         * @param path   the archive path or ""
         * @param origin the origin
         * @param note   the note
         * @param line   the line
         * @throws NullPointerException if a text is null
         */
        public Item {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(note, "note");
        }

        /**
         * Whether the item was stored in the archive.
         *
         * @return true when {@link #path()} is not empty
         */
        public boolean stored() {
            return !path.isEmpty();
        }
    }

    /**
     * The items of a kind.
     *
     * @param kind e.g. {@code pve-fw}
     * @return the items, in written order; empty when none
     */
    public List<Item> items(String kind) {
        return items.stream().filter(i -> i.kind().equals(kind)).toList();
    }

    /**
     * Parses a manifest. Never throws for bad content: a line with fewer than two fields is an
     * {@code evidence.manifest} WARNING naming the line, an unknown format version one too; the rest is read.
     *
     * @param text  the manifest text
     * @param label the file name for locations, e.g. {@code evidence.tar.gz!/phoenix-evidence/MANIFEST}
     * @return the manifest and the findings
     * @throws NullPointerException if an argument is null
     */
    public static LoadResult<EvidenceManifest> parse(String text, String label) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(label, "label");
        List<Finding> findings = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        int version = 0;
        String host = "";
        String etc = "";
        OptionalLong collected = OptionalLong.empty();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            int n = i + 1;
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] kv = line.substring(1).strip().split("\\s+", 2);
                String value = kv.length > 1 ? kv[1].strip() : "";
                switch (kv[0]) {
                    case "phoenix-evidence" -> version = value.matches("\\d{1,4}") ? Integer.parseInt(value) : -1;
                    case "host" -> host = value;
                    case "phoenix-etc" -> etc = value;
                    case "collected" -> {
                        if (value.matches("\\d{1,12}")) {
                            collected = OptionalLong.of(Long.parseLong(value));
                        }
                    }
                    default -> { }
                }
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length < 2 || f[0].isBlank()) {
                findings.add(warning("malformed manifest line", "Line " + n + " of " + label
                        + " is not 'kind<TAB>path<TAB>origin<TAB>note'; it is skipped.", label, n));
                continue;
            }
            String path = f[1].equals("-") ? "" : f[1];
            items.add(new Item(f[0].strip(), path, f.length > 2 ? f[2] : "", f.length > 3 ? f[3] : "", n));
        }
        if (version != FORMAT_VERSION) {
            findings.add(warning("unknown evidence format", label + (version == 0 ? " has no '# phoenix-evidence 1' line"
                    : " declares format " + version + ", this release reads format " + FORMAT_VERSION)
                    + "; it is read as format " + FORMAT_VERSION + ".", label, 1));
        }
        return new LoadResult<>(new EvidenceManifest(version, host, collected, etc, items), findings);
    }

    private static Finding warning(String title, String message, String file, int line) {
        return Finding.builder("evidence.manifest", Severity.WARNING).title(title).message(message).subject(file)
                .location(Location.ofLine(file, line, 1)).build();
    }
}
