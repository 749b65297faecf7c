package io.phoenixdiag.core.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.phoenixdiag.core.diag.Location;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link IntendedFlow} validation and identity. */
class IntendedFlowTest {

    private static final List<Location> AT = List.of(Location.ofPointer("f.json", "/x"));

    @Test
    void idIsTheFlowKeyWithALowerCaseProtocol() {
        IntendedFlow f = IntendedFlow.of(Endpoint.lxc(102), Endpoint.lxc(103), "TCP", 9000, "https", "p", AT, true);
        assertEquals("tcp", f.protocol());
        assertEquals("lxc:102->lxc:103/tcp/9000", f.id());
        assertEquals("", f.externalAddress());
        assertEquals("host->external/udp/53",
                IntendedFlow.of(Endpoint.HOST, Endpoint.EXTERNAL, "udp", 53, "dns", "p", AT, true).id());
    }

    @Test
    void rejectsBadProtocolsAndPorts() {
        assertEquals("protocol must be tcp or udp: icmp", assertThrows(IllegalArgumentException.class,
                () -> IntendedFlow.of(Endpoint.HOST, Endpoint.EXTERNAL, "icmp", 1, "", "", AT, true)).getMessage());
        assertEquals("port out of range: 0", assertThrows(IllegalArgumentException.class,
                () -> IntendedFlow.of(Endpoint.HOST, Endpoint.EXTERNAL, "tcp", 0, "", "", AT, true)).getMessage());
        assertEquals("port out of range: 65536", assertThrows(IllegalArgumentException.class,
                () -> IntendedFlow.of(Endpoint.HOST, Endpoint.EXTERNAL, "tcp", 65536, "", "", AT, true)).getMessage());
        assertThrows(NullPointerException.class,
                () -> IntendedFlow.of(null, Endpoint.EXTERNAL, "tcp", 80, "", "", AT, true));
        assertThrows(NullPointerException.class,
                () -> new IntendedFlow(Endpoint.HOST, Endpoint.EXTERNAL, "tcp", 80, "", "", AT, true, null));
    }

    @Test
    void isImmutable() {
        List<Location> at = new ArrayList<>(AT);
        IntendedFlow f = IntendedFlow.of(Endpoint.HOST, Endpoint.lxc(1), "tcp", 1, "", "", at, true);
        at.add(Location.ofFile("other"));
        assertEquals(AT, f.impliedBy());
        assertThrows(UnsupportedOperationException.class, () -> f.impliedBy().add(Location.ofFile("x")));
        IntendedFlow off = f.withActive(false);
        assertFalse(off.active());
        assertEquals(f.id(), off.id());
    }
}
