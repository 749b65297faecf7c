package io.phoenixdiag.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** pve-firewall accepts service names in port fields (resolved through /etc/services); so do we. */
class ServicePortTest {

    @Test
    void serviceNamesResolveToTheirPorts() {
        assertEquals(List.of(new PortRange(443, 443), new PortRange(22, 22)), PortSpec.parse("https,ssh").ranges());
        assertEquals(List.of(new PortRange(80, 80), new PortRange(8000, 8010)), PortSpec.parse("http,8000:8010").ranges());
    }

    @Test
    void unknownNamesAreStillRefusedWithTheExpectation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PortSpec.parse("bogus"));
        assertEquals("expected ports 0..65535 as a list like 80,443 or a range like 8000:8010, got \"bogus\"",
                e.getMessage());
    }
}
