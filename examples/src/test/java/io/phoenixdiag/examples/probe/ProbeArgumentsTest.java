package io.phoenixdiag.examples.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.phoenixdiag.examples.probe.ProbeCommandTest.Run;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/** Probe arguments are checked before any probe runs: a bad one exits 2 with a one-line reason. */
class ProbeArgumentsTest {
    private static final String NOT_A_NAME = ": expected a DNS host name of letters, digits and inner hyphens in"
            + " dot-separated labels of 1 to 63 characters (RFC 6066 section 3)\n";

    @Test
    void sniMustBeAnLdhHostName() {
        assertEquals(new Run(2, "", "phoenix-doctor: probe: --sni '../../../etc'" + NOT_A_NAME),
                ProbeCommandTest.run("probe", "tls", "127.0.0.1:1", "--sni", "../../../etc"));
        assertEquals(new Run(2, "", "phoenix-doctor: probe: --sni 'a..b'" + NOT_A_NAME),
                ProbeCommandTest.run("probe", "http", "127.0.0.1:1", "--tls", "--sni", "a..b"));
        assertEquals(new Run(2, "", "phoenix-doctor: probe: --sni 'x\\u000ay'" + NOT_A_NAME),
                ProbeCommandTest.run("probe", "tls", "127.0.0.1:1", "--sni", "x\ny"));
        assertEquals(new Run(2, "", "phoenix-doctor: probe: --sni '192.0.2.12': an IP address literal is not a server"
                + " name (RFC 6066 section 3); leave --sni out to check the address\n"),
                ProbeCommandTest.run("probe", "tls", "127.0.0.1:1", "--sni", "192.0.2.12"));
        assertEquals(new Run(2, "", "phoenix-doctor: probe: --sni 'host.example.': a server name has no trailing dot"
                + " (RFC 6066 section 3)\n"), ProbeCommandTest.run("probe", "tls", "127.0.0.1:1", "--sni", "host.example."));
        assertEquals("", ProbeArguments.sniProblem("traefik.internal.homelab.example"));
        assertEquals("", ProbeArguments.sniProblem("xn--bcher-kva.example"));
        assertFalse(ProbeArguments.sniProblem("-a.example").isEmpty());
        assertFalse(ProbeArguments.sniProblem("*.example").isEmpty());
        assertFalse(ProbeArguments.sniProblem("fd00::12").isEmpty());
        assertFalse(ProbeArguments.sniProblem("a".repeat(64) + ".example").isEmpty());
    }

    @Test
    void dnsExpectMustBeAddressLiterals() {
        assertEquals(new Run(2, "", "phoenix-doctor: probe: --expect 'notanip': expected an IPv4 or IPv6 address"
                + " literal, e.g. 10.0.0.12 or fd00::12\n"),
                ProbeCommandTest.run("probe", "dns", "127.0.0.1:1", "step-ca.internal", "--expect", "127.0.0.10",
                        "--expect", "notanip"));
        assertTrue(ProbeArguments.isIpLiteral("fd00::12"));
        assertTrue(ProbeArguments.isIpLiteral("127.0.0.10"));
        assertFalse(ProbeArguments.isIpLiteral("10.0.0.256"));
        assertFalse(ProbeArguments.isIpLiteral("localhost"));
    }

    @Property(tries = 200)
    void ldhNamesAreAcceptedAndDigitsOnlyAreNot(@ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 63) String label,
                                                @ForAll @NumericChars @StringLength(min = 1, max = 10) String digits) {
        assertEquals("", ProbeArguments.sniProblem(label + ".example"));
        assertFalse(ProbeArguments.sniProblem(digits).isEmpty());
    }
}
