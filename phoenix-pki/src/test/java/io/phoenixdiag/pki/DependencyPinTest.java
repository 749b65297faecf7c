package io.phoenixdiag.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

/**
 * BouncyCastle is the pinned 1.87 release (bcprov/bcpkix jdk18on).
 */
class DependencyPinTest {

    @Test
    void bouncyCastleIsThePinnedRelease() {
        assertEquals("1.87", new BouncyCastleProvider().getVersionStr());
    }
}
