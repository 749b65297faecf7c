package io.phoenixdiag.core.diag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Known findings a user accepted, each with a written justification.
 *
 * <p>A baseline file is a JSON array of entries, each an object with a {@code justification} (required,
 * not blank) and at least one of {@code findingId} (see {@link Finding#findingId()}, e.g.
 * {@code secrets.plaintext@phoenix_hypervisor_config.json}) and {@code fingerprint} (see
 * {@link Finding#fingerprint()}, 32 hex digits); an entry with both matches a finding only when both
 * match. No other field is allowed. The JSON Schema is the classpath resource {@value #SCHEMA_RESOURCE}:
 * <pre>{@code
 * [
 *   {"findingId": "secrets.plaintext@sample-deployment/phoenix_hypervisor_config.json",
 *    "justification": "lab machine, password rotated weekly (ticket OPS-12)"},
 *   {"fingerprint": "3f1d0c0e6a4b1e2f9a8c7d6e5f4a3b2c", "justification": "accepted by J. Doe until 2027-01"}
 * ]
 * }</pre>
 *
 * <p>{@link #apply(Report)} moves every finding an entry matches (the first matching entry in file order
 * gives the justification) from {@link Report#findings()} to {@link Report#accepted()}; they are then shown
 * as {@code ACCEPTED} and no longer make {@link Report#hasProblems()}. An entry that matches no finding is
 * reported as an {@link Severity#INFO} finding {@value #UNMATCHED}, so stale entries are seen (warnings as
 * data). Immutable and thread-safe.
 */
public final class Baseline {

    /** Check id of the finding that reports a baseline entry matching nothing. */
    public static final String UNMATCHED = "baseline.unmatched";

    /** Classpath location of the baseline file's JSON Schema (draft-07). */
    public static final String SCHEMA_RESOURCE = "/io/phoenixdiag/core/diag/baseline.schema.json";

    /** Largest baseline file read, in bytes (16 MiB). */
    public static final long MAX_FILE_BYTES = 16L << 20;

    private static final Set<String> FIELDS = Set.of("findingId", "fingerprint", "justification");
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final List<Entry> entries;

    private Baseline(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * One accepted finding or group of findings.
     *
     * @param findingId     the {@link Finding#findingId()} to match, or {@code ""}
     * @param fingerprint   the {@link Finding#fingerprint()} to match (lower-case hex), or {@code ""}
     * @param justification why the finding is accepted; not blank
     * @param location      where the entry is written (file and JSON pointer), when it came from a file
     */
    public record Entry(String findingId, String fingerprint, String justification, Optional<Location> location) {

        /**
         * Validates the components.
         *
         * @param findingId the finding id or {@code ""}
         * @param fingerprint the fingerprint or {@code ""}
         * @param justification why
         * @param location where the entry is written, when known
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if both {@code findingId} and {@code fingerprint} are empty, or
         *         {@code justification} is blank
         */
        public Entry {
            Objects.requireNonNull(findingId, "findingId");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(justification, "justification");
            Objects.requireNonNull(location, "location");
            if (findingId.isEmpty() && fingerprint.isEmpty()) {
                throw new IllegalArgumentException("a baseline entry needs a findingId or a fingerprint");
            }
            if (justification.isBlank()) {
                throw new IllegalArgumentException("a baseline entry needs a non-empty justification");
            }
        }

        /**
         * Whether this entry accepts a finding.
         *
         * @param finding the finding
         * @return {@code true} when every key the entry gives equals the finding's
         */
        public boolean matches(Finding finding) {
            return (findingId.isEmpty() || findingId.equals(finding.findingId()))
                    && (fingerprint.isEmpty() || fingerprint.equalsIgnoreCase(finding.fingerprint()));
        }

        /**
         * The key as shown to users.
         *
         * @return {@code findingId} and/or {@code fingerprint}, e.g. {@code fingerprint 3f1d...}
         */
        String key() {
            List<String> parts = new ArrayList<>();
            if (!findingId.isEmpty()) {
                parts.add("findingId " + findingId);
            }
            if (!fingerprint.isEmpty()) {
                parts.add("fingerprint " + fingerprint);
            }
            return String.join(" and ", parts);
        }
    }

    /**
     * A baseline of entries made in code.
     *
     * @param entries the entries, in priority order
     * @return the baseline
     */
    public static Baseline of(List<Entry> entries) {
        entries.forEach(e -> Objects.requireNonNull(e, "entry"));
        return new Baseline(entries);
    }

    /**
     * The baseline that accepts nothing.
     *
     * @return an empty baseline
     */
    public static Baseline empty() {
        return new Baseline(List.of());
    }

    /**
     * Reads a baseline file (UTF-8 JSON).
     *
     * @param file the file; its name as given labels the entries' locations
     * @return the baseline
     * @throws BaselineFormatException if the file is not a baseline (the message names the file, the JSON
     *         pointer or line and column, and what was expected)
     * @throws IOException if the file cannot be read, is not a regular file or is larger than
     *         {@link #MAX_FILE_BYTES}
     */
    public static Baseline read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": not a regular file");
        }
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException(file + ": larger than " + MAX_FILE_BYTES + " bytes, not a baseline");
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses a baseline from its JSON text.
     *
     * @param json the text
     * @param file the file label for messages and locations, e.g. {@code baseline.json}; not empty
     * @return the baseline
     * @throws BaselineFormatException if the text is not a baseline (see {@link #read(Path)})
     */
    public static Baseline parse(String json, String file) throws BaselineFormatException {
        JsonNode root;
        if (json.isBlank()) {
            throw new BaselineFormatException(file, "", "the file is empty, expected a JSON array of {\"findingId\" or"
                    + " \"fingerprint\", \"justification\"} entries");
        }
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            java.util.regex.Matcher dup = java.util.regex.Pattern.compile("Duplicate field '([A-Za-z]{1,20})'")
                    .matcher(String.valueOf(e.getOriginalMessage()));
            throw new BaselineFormatException(file, "", dup.lookingAt() ? "duplicate key " + dup.group(1) + where
                    : "not valid JSON" + where);
        }
        if (root == null || !root.isArray()) {
            throw new BaselineFormatException(file, "", "expected a JSON array of {\"findingId\" or \"fingerprint\", "
                    + "\"justification\"} entries, found " + (root == null ? "nothing" : kind(root)));
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            String pointer = "/" + i;
            JsonNode e = root.get(i);
            if (!e.isObject()) {
                throw new BaselineFormatException(file, pointer, "expected an object, found " + kind(e));
            }
            for (Iterator<String> names = e.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!FIELDS.contains(name)) {
                    throw new BaselineFormatException(file, pointer + "/" + escape(name),
                            "unknown field, expected only findingId, fingerprint and justification");
                }
            }
            String findingId = text(e, "findingId", file, pointer);
            String fingerprint = text(e, "fingerprint", file, pointer);
            String justification = text(e, "justification", file, pointer);
            if (e.has("findingId") && findingId.isEmpty()) {
                throw new BaselineFormatException(file, pointer + "/findingId", "expected a non-empty findingId");
            }
            if (findingId.isEmpty() && fingerprint.isEmpty()) {
                throw new BaselineFormatException(file, pointer, "expected a findingId or a fingerprint");
            }
            if (!fingerprint.isEmpty() && !fingerprint.matches("[0-9a-fA-F]{32}")) {
                throw new BaselineFormatException(file, pointer + "/fingerprint", "expected 32 hex digits");
            }
            if (justification.isBlank()) {
                throw new BaselineFormatException(file, pointer + "/justification",
                        "expected a non-empty justification: say why the finding is accepted");
            }
            entries.add(new Entry(findingId, fingerprint.toLowerCase(java.util.Locale.ROOT), justification,
                    Optional.of(Location.ofPointer(file, pointer))));
        }
        return new Baseline(entries);
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String kind(JsonNode n) {
        return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String text(JsonNode entry, String name, String file, String pointer) throws BaselineFormatException {
        JsonNode v = entry.get(name);
        if (v == null) {
            return "";
        }
        if (!v.isTextual()) {
            throw new BaselineFormatException(file, pointer + "/" + name, "expected a string, found " + kind(v));
        }
        return v.textValue();
    }

    /**
     * The entries.
     *
     * @return the entries in file order
     */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * Applies the baseline: moves the findings it matches to {@link Report#accepted()} and adds an
     * {@link Severity#INFO} finding {@value #UNMATCHED} for each entry that matched none.
     *
     * @param report the report
     * @return a new report; the same findings already accepted stay accepted
     */
    public Report apply(Report report) {
        List<Finding> kept = new ArrayList<>();
        List<AcceptedFinding> accepted = new ArrayList<>(report.accepted());
        boolean[] used = new boolean[entries.size()];
        for (Finding f : report.findings()) {
            int match = -1;
            for (int i = 0; i < entries.size() && match < 0; i++) {
                if (entries.get(i).matches(f)) {
                    match = i;
                }
            }
            if (match < 0) {
                kept.add(f);
            } else {
                used[match] = true;
                Entry e = entries.get(match);
                accepted.add(new AcceptedFinding(f, e.justification(), e.location()));
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            if (!used[i]) {
                Entry e = entries.get(i);
                Finding.Builder b = Finding.builder(UNMATCHED, Severity.INFO)
                        .title("Baseline entry " + (i + 1) + " accepts no finding")
                        .message("No finding of this report has " + e.key() + "; the problem it accepted may be fixed,"
                                + " or the finding changed (a new subject or title gives a new id and fingerprint).")
                        .remediation("Remove the entry from the baseline, or correct its findingId or fingerprint.");
                e.location().ifPresent(b::location);
                kept.add(b.build());
            }
        }
        return report.withFindings(kept, accepted);
    }
}
