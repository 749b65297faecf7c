package io.phoenixdiag.pki.cert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Builds a whole step-ca-like chain (root, intermediates, leaf), optionally with one deliberate
 * {@link ChainDefect}. Example:
 * <pre>{@code
 * IssuedChain chain = ChainBuilder.stepCa("portainer.phoenix.lan", "10.0.0.99").build();
 * IssuedChain broken = ChainBuilder.stepCa("nginx.phoenix.lan").defect(ChainDefect.EXPIRED_LEAF).build();
 * }</pre>
 * Names: {@code <caName> Root CA}, {@code <caName> Intermediate CA} (numbered from 2 when there are
 * several, the leaf's issuer last-numbered), default {@code caName} {@code Phoenix}. Certificates follow the
 * {@link CertificateBuilder} defaults (EC P-256, 24 h leaf). Not thread-safe; {@link #build()} makes fresh keys each call.
 */
public final class ChainBuilder {
    private final List<String> names;
    private String caName = "Phoenix";
    private KeyType keyType = KeyType.EC_P256;
    private Clock clock = Clock.systemUTC();
    private Duration leafLifetime = Duration.ofHours(24);
    private int intermediates = 1;
    private ChainDefect defect;
    private IssuedCertificate root;

    private ChainBuilder(List<String> names) {
        this.names = names;
    }

    /**
     * Starts a chain whose leaf is issued for the given names.
     *
     * @param names DNS names and IP literals; the first is the leaf's CN
     * @return a new builder
     * @throws IllegalArgumentException if no name is given
     */
    public static ChainBuilder stepCa(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("at least one leaf name is needed");
        }
        return new ChainBuilder(List.of(names));
    }

    /**
     * Sets the CA name prefix.
     *
     * @param caName such as {@code Phoenix}, giving {@code Phoenix Root CA}
     * @return this builder
     */
    public ChainBuilder caName(String caName) {
        this.caName = Objects.requireNonNull(caName, "caName");
        return this;
    }

    /**
     * Sets the key type of every certificate.
     *
     * @param keyType the key type
     * @return this builder
     */
    public ChainBuilder keyType(KeyType keyType) {
        this.keyType = Objects.requireNonNull(keyType, "keyType");
        return this;
    }

    /**
     * Sets the clock giving "now".
     *
     * @param clock the clock
     * @return this builder
     */
    public ChainBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Sets the leaf lifetime (default 24 hours, step-ca's default).
     *
     * @param lifetime positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public ChainBuilder leafLifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive: " + lifetime);
        }
        this.leafLifetime = lifetime;
        return this;
    }

    /**
     * Sets the number of intermediates (default 1).
     *
     * @param count 0 to 5
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public ChainBuilder intermediates(int count) {
        if (count < 0 || count > 5) {
            throw new IllegalArgumentException("intermediates must be 0..5: " + count);
        }
        this.intermediates = count;
        return this;
    }

    /**
     * Reuses an existing root instead of making one (to issue many chains under one root).
     *
     * @param root a CA certificate with its key
     * @return this builder
     */
    public ChainBuilder root(IssuedCertificate root) {
        this.root = Objects.requireNonNull(root, "root");
        return this;
    }

    /**
     * Puts a deliberate defect into the chain.
     *
     * @param defect the defect
     * @return this builder
     */
    public ChainBuilder defect(ChainDefect defect) {
        this.defect = Objects.requireNonNull(defect, "defect");
        return this;
    }

    /**
     * Issues the chain.
     *
     * @return the chain
     * @throws IllegalStateException if key generation or signing fails
     */
    public IssuedChain build() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        IssuedCertificate r = root != null ? root
                : CertificateBuilder.root(caName + " Root CA").keyType(keyType).clock(clock)
                        .pathLength(Math.max(intermediates, 1)).build();
        List<IssuedCertificate> chain = new ArrayList<>();
        IssuedCertificate issuer = r;
        for (int i = 0; i < intermediates; i++) {
            String cn = caName + " Intermediate CA" + (intermediates > 1 ? " " + (i + 1) : "");
            CertificateBuilder b = CertificateBuilder.intermediate(cn, issuer).keyType(keyType).clock(clock)
                    .pathLength(intermediates - 1 - i);
            boolean last = i == intermediates - 1;
            if (last && defect == ChainDefect.NON_CA_INTERMEDIATE) {
                b.ca(false).keyUsage(KeyUsageBit.DIGITAL_SIGNATURE);
            }
            if (last && defect == ChainDefect.EXPIRED_INTERMEDIATE) {
                b.validity(now.minus(Duration.ofDays(365)), now.minus(Duration.ofHours(1)));
            }
            issuer = b.build();
            chain.add(0, issuer);
        }
        String[] leafNames = names.toArray(String[]::new);
        if (defect == ChainDefect.WRONG_NAME) {
            leafNames = Arrays.stream(leafNames).map(n -> "wrong." + n).toArray(String[]::new);
        }
        CertificateBuilder lb = defect == ChainDefect.SELF_SIGNED_LEAF
                ? CertificateBuilder.selfSignedLeaf(leafNames)
                : CertificateBuilder.leaf(issuer, leafNames);
        lb.keyType(keyType).clock(clock).lifetime(leafLifetime);
        if (defect == ChainDefect.EXPIRED_LEAF) {
            lb.validity(now.minus(leafLifetime).minus(Duration.ofHours(1)), now.minus(Duration.ofHours(1)));
        } else if (defect == ChainDefect.NOT_YET_VALID_LEAF) {
            lb.validity(now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)).plus(leafLifetime));
        } else if (defect == ChainDefect.WRONG_EKU) {
            lb.extendedKeyUsage(KeyPurpose.CODE_SIGNING);
        }
        return new IssuedChain(r, chain, lb.build());
    }
}
