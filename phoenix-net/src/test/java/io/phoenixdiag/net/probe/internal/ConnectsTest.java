package io.phoenixdiag.net.probe.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectsTest {

    /** RFC 5952 section 4 examples and edge cases. */
    @ParameterizedTest
    @CsvSource({
            "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "0:0:0:0:0:0:0:1, ::1",
            "0:0:0:0:0:0:0:0, ::",
            "fd00:0:0:0:0:0:0:12, fd00::12",
            "1:0:0:0:0:0:0:0, 1::",
            "2001:DB8:0:0:0:0:2:1, 2001:db8::2:1"})
    void ipv6CanonicalText(String in, String out) throws Exception {
        assertEquals(out, Connects.address(InetAddress.getByName(in)));
    }

    @Property(tries = 500)
    void ipv6TextParsesBackAndIsCanonical(@ForAll @Size(16) byte[] raw) throws Exception {
        String text = Connects.address(InetAddress.getByAddress(raw));
        assertEquals(InetAddress.getByAddress(raw), InetAddress.getByName(text));
        assertTrue(text.indexOf("::") == text.lastIndexOf("::"), text);
        assertTrue(text.equals(text.toLowerCase(java.util.Locale.ROOT)), text);
        assertTrue(!text.matches(".*(^|:)0[0-9a-f].*"), text);
    }

    @Property(tries = 200)
    void ipv4IsDottedQuad(@ForAll @Size(4) byte[] raw) throws Exception {
        String text = Connects.address(InetAddress.getByAddress(raw));
        assertEquals(InetAddress.getByAddress(raw), InetAddress.getByName(text));
        assertTrue(text.matches("\\d{1,3}(\\.\\d{1,3}){3}"), text);
    }
}
