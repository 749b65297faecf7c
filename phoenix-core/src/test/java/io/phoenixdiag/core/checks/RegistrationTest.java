package io.phoenixdiag.core.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.diag.Check;
import io.phoenixdiag.core.diag.CheckRunner;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The built-in checks are found by {@link java.util.ServiceLoader} and all need the model. */
class RegistrationTest {

    @Test
    void everyBuiltInCheckIsDiscovered() {
        List<Check> builtIn = CheckRunner.discover(getClass().getClassLoader()).checks().stream()
                .filter(c -> c.getClass().getPackageName().equals("io.phoenixdiag.core.checks")).toList();
        assertEquals(List.of("config.network-values", "dns.no-nameserver", "firewall.flow-blocked", "firewall.pve-fw-flows", "firewall.rule-set",
                "manifest.key-mode",
                "pki.ca-state-shared", "router.scheme-mismatch", "secrets.plaintext", "topology.dependency-cycle",
                "topology.duplicates", "topology.unknown-reference"),
                builtIn.stream().map(Check::id).toList());
        for (Check c : builtIn) {
            assertEquals(Set.of(DeploymentModel.class), c.requires(), c.id());
            assertTrue(!c.description().isBlank(), c.id());
        }
    }
}
