package io.phoenixdiag.core.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.core.analysis.Diagnosis;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Report;
import io.phoenixdiag.core.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference host lists the Nginx gateway (10.0.0.153) as its first nameserver. */
class HostNameserverCheckTest {

    @Test
    void hostResolverPointingAtAGuestWithoutDnsRoleIsAWarning() {
        Report report = Diagnosis.of(Fixtures.reference()).run();
        List<Finding> found = report.findings().stream().filter(f -> f.checkId().equals("dns.nameserver-not-dns")).toList();
        assertEquals(1, found.size());
        Finding f = found.get(0);
        assertEquals("The host resolves names with Nginx-Phoenix (10.0.0.153), which is not a DNS server", f.title());
        assertEquals(List.of("host", "lxc:101"), f.subjects());
        assertEquals("/network/interfaces/dns_nameservers", f.locations().get(0).pointer());
        assertEquals("List Proxmox host (10.0.0.13) first in dns_nameservers, or declare the DNS role of lxc:101"
                + " with --roles if it really serves DNS.", f.remediation());
    }
}
