package io.phoenixdiag.pki.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import io.phoenixdiag.pki.cert.ChainBuilder;
import io.phoenixdiag.pki.cert.IssuedChain;
import io.phoenixdiag.pki.name.ReferenceIdentity;
import io.phoenixdiag.pki.pem.PkiLoader;
import io.phoenixdiag.pki.pem.PkiParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class PathPropertiesTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);
    static final IssuedChain CHAIN = ChainBuilder.stepCa("svc.phoenix.lan").intermediates(3).clock(CLOCK).build();
    static final IssuedChain UNRELATED = ChainBuilder.stepCa("other.example").caName("Unrelated").intermediates(2)
            .clock(CLOCK).build();
    static final PathValidator VALIDATOR = PathValidator.builder().trustAnchors(CHAIN.root().certificate()).clock(CLOCK).build();

    @Property(tries = 200)
    void shuffledDuplicatedOrPaddedPoolStillValidates(@ForAll long seed, @ForAll @IntRange(min = 0, max = 3) int dups,
                                                      @ForAll boolean addUnrelated, @ForAll boolean addRoot) {
        List<X509Certificate> pool = new ArrayList<>(CHAIN.intermediateCertificates());
        Random rnd = new Random(seed);
        for (int i = 0; i < dups; i++) {
            pool.add(pool.get(rnd.nextInt(pool.size())));
        }
        if (addUnrelated) {
            pool.addAll(UNRELATED.presentedChain());
        }
        if (addRoot) {
            pool.add(CHAIN.root().certificate());
        }
        Collections.shuffle(pool, rnd);
        ValidationResult r = VALIDATOR.validate(CHAIN.leaf().certificate(), pool, ReferenceIdentity.dns("svc.phoenix.lan"));
        assertTrue(r.isValid(), () -> r.failure().toString());
        List<X509Certificate> expected = new ArrayList<>(CHAIN.presentedChain());
        expected.add(CHAIN.root().certificate());
        assertEquals(expected, r.path());
    }

    @Provide
    Arbitrary<Integer> nonZeroByte() {
        return Arbitraries.integers().between(1, 255);
    }

    @Property(tries = 300)
    void corruptedSignatureIsBadSignatureOrTypedParseError(@ForAll @IntRange(min = 1, max = 72) int fromEnd,
                                                           @ForAll("nonZeroByte") int xor) throws Exception {
        byte[] der = CHAIN.leaf().certificate().getEncoded();
        int sigLen = CHAIN.leaf().certificate().getSignature().length;
        int index = der.length - 1 - ((fromEnd - 1) % sigLen);
        der[index] ^= (byte) xor;
        X509Certificate corrupt;
        try {
            corrupt = PkiLoader.certificate(der, "leaf.der");
        } catch (PkiParseException e) {
            assertEquals("leaf.der", e.source());
            return;
        }
        ValidationResult r = VALIDATOR.validate(corrupt, CHAIN.intermediateCertificates());
        assertEquals(Optional.of(FailureReason.BAD_SIGNATURE), r.reason(), () -> r.failure().toString());
    }
}
