package io.phoenixdiag.pki.stepca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.Locale;

import io.phoenixdiag.pki.truststore.CertificateFingerprint;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class CertificateFingerprintProperties {

    @Property
    void everyPrintedFormParsesBack(@ForAll @Size(32) byte[] digest, @ForAll boolean upper, @ForAll boolean colons,
                                    @ForAll boolean opensslPrefix) {
        String hex = HexFormat.of().formatHex(digest);
        CertificateFingerprint fp = new CertificateFingerprint(hex);
        String text = colons ? fp.colonSeparated() : hex;
        text = upper ? text.toUpperCase(Locale.ROOT) : text.toLowerCase(Locale.ROOT);
        if (opensslPrefix) {
            text = "sha256 Fingerprint=" + text;
        }
        assertEquals(fp, CertificateFingerprint.parse(text));
        assertEquals(hex, CertificateFingerprint.parse(text).toString());
        assertEquals(fp, CertificateFingerprint.parse(fp.colonSeparated()));
    }

    @Property
    void wrongLengthsAreRejected(@ForAll("hex") @StringLength(min = 0, max = 80) String hex) {
        if (hex.length() == 64) {
            return;
        }
        assertThrows(IllegalArgumentException.class, () -> CertificateFingerprint.parse(hex));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> hex() {
        return net.jqwik.api.Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMaxLength(80);
    }
}
