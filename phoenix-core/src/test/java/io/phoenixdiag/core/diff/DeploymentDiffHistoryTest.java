package io.phoenixdiag.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.phoenixdiag.core.diag.ReportFormat;
import io.phoenixdiag.core.firewall.VerdictState;

/** The diff on consecutive versions of the real deployment's history, with exact expected changes. */
class DeploymentDiffHistoryTest {
    @TempDir
    Path tmp;

    private DeploymentDiff diff(String before, String after) {
        PhoenixHistory h = PhoenixHistory.shared();
        assertEquals(after, h.next(before), "the pair is consecutive");
        return DeploymentDiff.between(h.materialize(before, tmp.resolve(before)), h.materialize(after, tmp.resolve(after)));
    }

    /** 31 Oct 2025: Nginx's guest lost its HTTP/HTTPS ingress rules; both external flows to it broke. */
    @Test
    void theCommitThatBrokeNginxIngress() {
        DeploymentDiff d = diff("202510292202-cd632e8f", "202510311020-470f11c8");
        assertEquals(List.of(), d.guests());
        assertEquals(List.of(), d.flows());
        assertEquals(List.of(
                new FirewallChange("101.fw", ChangeKind.REMOVED, "IN ACCEPT -p tcp -dport 443 # Allow HTTPS traffic"),
                new FirewallChange("101.fw", ChangeKind.REMOVED, "IN ACCEPT -p tcp -dport 80 # Allow HTTP traffic"),
                new FirewallChange("101.fw", ChangeKind.REMOVED,
                        "OUT ACCEPT -dest 10.0.0.12 -p tcp -dport 443 # Allow Nginx to proxy to Traefik"),
                new FirewallChange("101.fw", ChangeKind.ADDED,
                        "OUT ACCEPT -dest 10.0.0.12 -p tcp -dport 8443 # Allow Nginx to proxy HTTPS to Traefik"),
                new FirewallChange("101.fw", ChangeKind.ADDED,
                        "OUT ACCEPT -dest 10.0.0.13 -p udp -dport 53 # Allow outbound DNS queries to CoreDNS"),
                new FirewallChange("103.fw", ChangeKind.ADDED, "OUT ACCEPT -dest 10.0.0.12 -p tcp -dport 80"
                        + " # Allow Step-CA to perform ACME http-01 challenges with Traefik"),
                new FirewallChange("1001.fw", ChangeKind.ADDED, "IN ACCEPT -source 10.0.0.13 -p tcp -dport 9000"
                        + " # Allow Proxmox host to access Portainer for initial setup")), d.firewall());
        assertEquals(List.of(
                new VerdictChange("external->lxc:101/tcp/443", Optional.of(VerdictState.ALLOWED),
                        Optional.of(VerdictState.BLOCKED_DESTINATION_INGRESS),
                        "lxc:101 IN rule 3 \"Allow HTTPS traffic\" (ACCEPT tcp/443)", "lxc:101 policy_in DROP"),
                new VerdictChange("external->lxc:101/tcp/80", Optional.of(VerdictState.ALLOWED),
                        Optional.of(VerdictState.BLOCKED_DESTINATION_INGRESS),
                        "lxc:101 IN rule 1 \"Allow HTTP traffic\" (ACCEPT tcp/80)", "lxc:101 policy_in DROP")),
                d.verdicts());
        assertEquals(d.verdicts(), d.broken());
        assertEquals("0 guests, 7 firewall lines, 0 flows, 2 verdicts changed (2 broke)", DiffRenderer.summary(d));
        String text = DiffRenderer.render(d, ReportFormat.TEXT);
        assertTrue(text.contains("""
                verdicts:
                  external->lxc:101/tcp/443: ALLOWED -> BLOCKED_DESTINATION_INGRESS  BROKE
                      before: lxc:101 IN rule 3 "Allow HTTPS traffic" (ACCEPT tcp/443)
                      after:  lxc:101 policy_in DROP
                """), text);
    }

    /** 25 Oct 2025: one ingress rule for Traefik's websecure entry point, no verdict moved. */
    @Test
    void oneRuleAddedNoVerdictChanged() {
        DeploymentDiff d = diff("202510242005-e99933da", "202510251909-5508705b");
        assertEquals(new DeploymentDiff(d.before(), d.after(), List.of(), List.of(new FirewallChange("102.fw",
                ChangeKind.ADDED, "IN ACCEPT -source 10.0.0.153 -p tcp -dport 8443"
                + " # Allow Nginx to proxy to Traefik's websecure entrypoint")), List.of(), List.of()), d);
        assertFalse(d.verdictsChanged());
    }

    /** 9 Sep 2025: qdrant's container got its application script. */
    @Test
    void oneGuestFieldChanged() {
        DeploymentDiff d = diff("202509091005-15b992d5", "202509091437-f073e49e");
        assertEquals(List.of(new GuestChange("lxc:952", "qdrant-lxc", "qdrant-lxc", ChangeKind.CHANGED,
                List.of(new FieldChange("application_script", "", "phoenix_hypervisor_lxc_952.sh")))), d.guests());
        assertEquals(List.of(), d.firewall());
        assertEquals(List.of(), d.flows());
        assertEquals(List.of(), d.verdicts());
    }

    /** Every consecutive pair: the reverse diff mirrors the forward one. */
    @Test
    void everyConsecutivePairMirrors() {
        PhoenixHistory h = PhoenixHistory.shared();
        List<String> vs = h.versions();
        io.phoenixdiag.core.analysis.DeploymentModel prev = null;
        int changed = 0;
        for (String v : vs) {
            var m = io.phoenixdiag.core.analysis.Diagnosis.of(h.materialize(v, tmp.resolve(v))).analyse();
            if (prev != null) {
                DeploymentDiff forward = DeploymentDiff.between(prev, m);
                DeploymentDiff backward = DeploymentDiff.between(m, prev);
                assertTrue(forward.inverse().equals(backward), () -> v + ": " + DiffRenderer.summary(backward));
                changed += forward.verdictsChanged() ? 1 : 0;
            }
            prev = m;
        }
        assertEquals(82, vs.size(), "versions");
        assertEquals(21, changed, "pairs whose verdicts changed");
    }

    /** A side whose file does not parse is incomplete, with the loader's finding naming file, line and column. */
    @Test
    void unparseableFileIsALoadErrorOfItsSide() throws java.io.IOException {
        PhoenixHistory h = PhoenixHistory.shared();
        Path good = h.materialize("202511041719-37ef69af", tmp.resolve("good"));
        Path bad = h.materialize("202511041719-37ef69af", tmp.resolve("bad"));
        java.nio.file.Files.writeString(bad.resolve("phoenix_lxc_configs.json"), "{\"lxc_configs\": {");
        DeploymentDiff same = DeploymentDiff.between(good, good);
        assertTrue(same.complete());
        assertEquals(List.of(), same.beforeLoadErrors());
        DeploymentDiff d = DeploymentDiff.between(good, bad);
        assertFalse(d.complete());
        assertEquals(List.of(), d.beforeLoadErrors());
        assertEquals(1, d.afterLoadErrors().size());
        io.phoenixdiag.core.diag.Finding f = d.afterLoadErrors().get(0);
        assertEquals("config.malformed-json", f.checkId());
        assertEquals(List.of(io.phoenixdiag.core.diag.Location.ofLine(bad.resolve("phoenix_lxc_configs.json").toString(), 1, 18)),
                f.locations());
        assertEquals(d.afterLoadErrors(), d.inverse().beforeLoadErrors());
        assertEquals(List.of(), d.inverse().afterLoadErrors());
    }
}
