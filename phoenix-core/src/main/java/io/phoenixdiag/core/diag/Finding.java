package io.phoenixdiag.core.diag;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One diagnosed fact about a deployment: what is wrong (or worth knowing), about which subjects,
 * backed by which evidence, and what to do.
 *
 * <p>Part of the report contract (JSON {@code findings[]}). Immutable and thread-safe; build with
 * {@link #builder(String, Severity)}. No component is ever null: absent text is {@code ""}, absent
 * lists are empty. Texts must never contain a secret.
 *
 * @param checkId     stable dotted lower-case id of the check that produced it, such as
 *                    {@code firewall.flow-blocked}; matches {@code [a-z0-9]+([.-][a-z0-9]+)*}
 * @param severity    how urgent it is
 * @param title       a short headline (one line, no trailing period)
 * @param message     the full explanation, one or more sentences
 * @param subjects    what the finding is about: {@code host}, {@code lxc:103}, {@code vm:1001},
 *                    {@code external}, {@code 10.0.0.10:9000/tcp}, a file name...
 * @param evidence    the facts it rests on
 * @param remediation what to change, one or more sentences, or {@code ""} when nothing needs doing
 * @param locations   where in the inputs the cause lies
 */
public record Finding(String checkId, Severity severity, String title, String message, List<String> subjects,
                      List<Evidence> evidence, String remediation, List<Location> locations) {

    private static final Pattern CHECK_ID = Pattern.compile("[a-z0-9]+([.-][a-z0-9]+)*");

    /**
     * Validates and copies the components.
     *
     * @param checkId the producing check's id
     * @param severity the severity
     * @param title the headline
     * @param message the explanation
     * @param subjects the subjects
     * @param evidence the evidence
     * @param remediation the remediation
     * @param locations the locations
     * @throws NullPointerException if any component or list element is null
     * @throws IllegalArgumentException if {@code checkId} is not dotted lower-case or {@code title} is blank
     */
    public Finding {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(remediation, "remediation");
        if (!CHECK_ID.matcher(checkId).matches()) {
            throw new IllegalArgumentException("checkId must be dotted lower-case: " + checkId);
        }
        if (title.isBlank()) {
            throw new IllegalArgumentException("title must not be blank (check " + checkId + ")");
        }
        subjects = List.copyOf(subjects);
        evidence = List.copyOf(evidence);
        locations = List.copyOf(locations);
    }

    /**
     * A readable key of this finding, for baselines and CI systems: the check id, {@code @}, and the
     * subjects joined with {@code ,}, e.g. {@code firewall.flow-blocked@host,lxc:103,192.0.2.10:9000/tcp};
     * just the check id when there are no subjects. Two findings of one check about the same subjects
     * share it.
     *
     * @return the key, never empty
     */
    public String findingId() {
        return subjects.isEmpty() ? checkId : checkId + "@" + String.join(",", subjects);
    }

    /**
     * A content fingerprint of this finding: the first 16 bytes, as 32 lower-case hex digits, of the
     * SHA-256 (FIPS 180-4) of the UTF-8 text {@code checkId \n subjects joined by U+001F \n title}. It
     * ignores severity, message, evidence, remediation and locations, so it stays the same when line numbers
     * shift or wording improves, and changes when what the finding is about changes.
     *
     * @return 32 hex digits
     */
    public String fingerprint() {
        String key = checkId + "\n" + String.join("\u001f", subjects) + "\n" + title;
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Starts a finding.
     *
     * @param checkId  the producing check's stable id, dotted lower-case
     * @param severity the severity
     * @return a new builder; not thread-safe
     */
    public static Builder builder(String checkId, Severity severity) {
        return new Builder(checkId, severity);
    }

    /**
     * Builder for {@link Finding}. Not thread-safe; {@link #build()} may be called more than once.
     */
    public static final class Builder {
        private final String checkId;
        private final Severity severity;
        private String title = "";
        private String message = "";
        private String remediation = "";
        private final List<String> subjects = new ArrayList<>();
        private final List<Evidence> evidence = new ArrayList<>();
        private final List<Location> locations = new ArrayList<>();

        private Builder(String checkId, Severity severity) {
            this.checkId = checkId;
            this.severity = severity;
        }

        /**
         * Sets the headline.
         *
         * @param title one line, no trailing period
         * @return this builder
         */
        public Builder title(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /**
         * Sets the explanation.
         *
         * @param message one or more sentences
         * @return this builder
         */
        public Builder message(String message) {
            this.message = Objects.requireNonNull(message, "message");
            return this;
        }

        /**
         * Sets the remediation.
         *
         * @param remediation what to change, one or more sentences
         * @return this builder
         */
        public Builder remediation(String remediation) {
            this.remediation = Objects.requireNonNull(remediation, "remediation");
            return this;
        }

        /**
         * Adds subjects, keeping their order and dropping repeats.
         *
         * @param subjects subject strings such as {@code lxc:103}
         * @return this builder
         */
        public Builder subject(String... subjects) {
            for (String s : subjects) {
                Objects.requireNonNull(s, "subject");
                if (!this.subjects.contains(s)) {
                    this.subjects.add(s);
                }
            }
            return this;
        }

        /**
         * Adds a piece of evidence without a location.
         *
         * @param text the fact
         * @return this builder
         */
        public Builder evidence(String text) {
            this.evidence.add(Evidence.of(text));
            return this;
        }

        /**
         * Adds a piece of evidence.
         *
         * @param evidence the evidence
         * @return this builder
         */
        public Builder evidence(Evidence evidence) {
            this.evidence.add(Objects.requireNonNull(evidence, "evidence"));
            return this;
        }

        /**
         * Adds a location of the cause.
         *
         * @param location the location
         * @return this builder
         */
        public Builder location(Location location) {
            this.locations.add(Objects.requireNonNull(location, "location"));
            return this;
        }

        /**
         * Builds the finding.
         *
         * @return the immutable finding
         * @throws IllegalArgumentException if the check id is malformed or no title was set
         */
        public Finding build() {
            return new Finding(checkId, severity, title, message, subjects, evidence, remediation, locations);
        }
    }
}
