package io.phoenixdiag.net.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.core.diag.CheckContext;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.firewall.pvefile.PveFwEvidence;
import io.phoenixdiag.net.fwlayer.IptablesEvidence;
import io.phoenixdiag.net.iptables.IptablesSave;
import io.phoenixdiag.net.pvecompile.PveRulesetRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelRulesDriftCheckTest {

    private static PveFwEvidence files(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("firewall"));
        Files.createDirectories(dir.resolve("lxc"));
        Files.writeString(dir.resolve("firewall/cluster.fw"), "[OPTIONS]\nenable: 1\n");
        Files.writeString(dir.resolve("firewall/101.fw"), "[OPTIONS]\nenable: 1\n\n[RULES]\n\nIN ACCEPT -p tcp -dport 443\n");
        Files.writeString(dir.resolve("lxc/101.conf"), "net0: name=eth0,bridge=vmbr0,firewall=1,ip=10.0.0.21/24\n");
        return PveFwEvidence.read(dir);
    }

    private static List<Finding> run(PveFwEvidence pve, String dump) {
        return new KernelRulesDriftCheck().run(CheckContext.builder().put(PveFwEvidence.class, pve)
                .put(IptablesEvidence.class, new IptablesEvidence(List.of(IptablesSave.parse("k.rules", dump)), "vmbr0")).build());
    }

    @Test
    void theCompiledRulesetHasNoDriftAndChangesAreFound(@TempDir Path tmp) throws Exception {
        PveFwEvidence pve = files(tmp);
        String compiled = PveRulesetRenderer.render(pve.loaded().value(), 4).text();
        assertEquals(List.of(), run(pve, compiled));
        // pve-firewall's signature rules are ignored
        String accept = compiled.lines().filter(l -> l.contains("--dport 443")).findFirst().orElseThrow();
        String changed = compiled.replace(accept + "\n", "-A veth101i0-IN -m comment --comment \"PVESIG:abc\"\n"
                + accept.replace("443", "8443") + "\n");
        List<Finding> f = run(pve, changed);
        assertEquals(List.of("evidence.kernel-rules-drift"), f.stream().map(Finding::checkId).toList());
        assertEquals("veth101i0-IN in k.rules: 1 rule(s) the files compile to are not loaded ('" + accept + "'); 1 loaded"
                + " rule(s) the files do not compile to ('" + accept.replace("443", "8443") + "').", f.get(0).message());
        int line = changed.lines().toList().indexOf(":veth101i0-IN - [0:0]") + 1;
        assertEquals("k.rules:" + line + ":1", f.get(0).locations().get(0).toString());
    }

    @Test
    void missingAndExtraChains(@TempDir Path tmp) throws Exception {
        PveFwEvidence pve = files(tmp);
        String compiled = PveRulesetRenderer.render(pve.loaded().value(), 4).text();
        String noGuest = compiled.lines().filter(l -> !l.contains("veth101i0-IN")).reduce("", (a, b) -> a + b + "\n")
                .replace("COMMIT\n", ":veth999i0-OUT - [0:0]\nCOMMIT\n");
        assertEquals(List.of("evidence.kernel-rules-drift: PVEFW-FWBR-IN in k.rules: 1 rule(s) the files compile to are not"
                        + " loaded ('-A PVEFW-FWBR-IN -m physdev --physdev-out veth101i0 --physdev-is-bridged -j veth101i0-IN').",
                "evidence.kernel-chain-missing: k.rules lacks veth101i0-IN, which the files in " + tmp
                        + " compile to: pve-firewall has not applied the current files.",
                "evidence.kernel-chain-extra: k.rules holds veth999i0-OUT, which the files in " + tmp + " do not compile to"
                        + " (a guest removed or its firewall turned off since pve-firewall last applied the files, or a NIC"
                        + " without firewall=1 in the guest config)."),
                run(pve, noGuest).stream().map(x -> x.checkId() + ": " + x.message()).toList());
        assertEquals(List.of("evidence.kernel-rules-missing"),
                run(pve, "*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n").stream().map(Finding::checkId).toList());
        assertEquals(List.of(), new KernelRulesDriftCheck().run(CheckContext.empty()));
    }
}
