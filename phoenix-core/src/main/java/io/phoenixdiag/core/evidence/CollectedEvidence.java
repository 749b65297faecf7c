package io.phoenixdiag.core.evidence;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an evidence archive holds besides the files other evidence types read (Phoenix JSON, {@code .fw}
 * files, netfilter dumps, root filesystems): its manifest, the guest configs as written, the clock readings
 * and the facts about private keys. Put into a diagnosis with
 * {@code Diagnosis.Builder#evidence(CollectedEvidence.class, archive.collected())} for
 * {@link IntentRealityCheck}, {@link ClockSkewCheck}, {@link KeyFingerprintCheck} and {@link EvidenceArchiveCheck}. Immutable and thread-safe.
 *
 * @param source       the archive as the user named it
 * @param manifest     the manifest
 * @param guestConfigs the guest configs by CTID/VMID
 * @param clocks       the clock readings in written order
 * @param keys         the private-key facts in written order
 * @param hostRoot     the directory holding the host's collected certificates at their own paths
 *                     ({@code rootfs/host}), when the archive has one
 * @param findings     what reading the archive found ({@link EvidenceArchive#findings()}), reported by
 *                     {@link EvidenceArchiveCheck}
 */
public record CollectedEvidence(String source, EvidenceManifest manifest, Map<Integer, GuestConfig> guestConfigs,
                                List<ClockReading> clocks, List<KeyFileInfo> keys, java.util.Optional<java.nio.file.Path> hostRoot,
                                List<io.phoenixdiag.core.diag.Finding> findings) {
    /**
     * Validates and copies the components.
     *
     * @param source       the source
     * @param manifest     the manifest
     * @param guestConfigs the guest configs
     * @param clocks       the clock readings
     * @param keys         the key facts
     * @param hostRoot     the host's certificate root
     * @param findings     the reader's findings
     * @throws NullPointerException if a component is null
     */
    public CollectedEvidence {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(manifest, "manifest");
        guestConfigs = Collections.unmodifiableMap(new TreeMap<>(guestConfigs));
        clocks = List.copyOf(clocks);
        keys = List.copyOf(keys);
        Objects.requireNonNull(hostRoot, "hostRoot");
        findings = List.copyOf(findings);
    }

    /**
     * A clock reading: {@code date +%s} on the host or in a guest.
     *
     * @param subject      {@code host} or a guest subject such as {@code lxc:103}
     * @param epochSeconds the reading, seconds since the epoch
     * @param line         the 1-based line in {@code clock/clock.tsv}
     */
    public record ClockReading(String subject, long epochSeconds, int line) {
        /**
         * Validates the components.
         *
         * @param subject      the subject
         * @param epochSeconds the reading
         * @param line         the line
         * @throws NullPointerException if {@code subject} is null
         */
        public ClockReading {
            Objects.requireNonNull(subject, "subject");
        }
    }

    /**
     * What the collector recorded about a private key file instead of the key itself.
     *
     * @param path            the key's path on the host
     * @param mode            the octal permission bits as {@code stat -c %a} prints them, e.g. {@code 600}, or {@code ?}
     * @param owner           {@code user:group}, or {@code ?}
     * @param publicKeySha256 lower-case hex SHA-256 of the key's public half as DER SubjectPublicKeyInfo
     *                        ({@code openssl pkey -pubout -outform DER | sha256sum}), or {@code ?} when it could
     *                        not be derived (encrypted key, no openssl)
     * @param line            the 1-based line in {@code keys/private-keys.tsv}
     */
    public record KeyFileInfo(String path, String mode, String owner, String publicKeySha256, int line) {
        /**
         * Validates the components.
         *
         * @param path            the path
         * @param mode            the mode
         * @param owner           the owner
         * @param publicKeySha256 the fingerprint
         * @param line            the line
         * @throws NullPointerException if a text is null
         */
        public KeyFileInfo {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(publicKeySha256, "publicKeySha256");
        }
    }
}
