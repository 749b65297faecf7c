package io.phoenixdiag.core.checks;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.topology.Guest;
import java.util.ArrayList;
import java.util.List;

/**
 * Guests that declare no nameserver: they inherit the host's {@code /etc/resolv.conf} at creation
 * ({@code pct create} without {@code --nameserver}), so their DNS flows cannot be derived.
 *
 * <p>Finding {@code dns.no-nameserver} (INFO), one per guest. Stateless and thread-safe.
 */
public final class NameserverCheck extends ModelCheck {
    /** Creates the check (for {@link java.util.ServiceLoader}). */
    public NameserverCheck() {
    }

    @Override
    public String id() {
        return "dns.no-nameserver";
    }

    @Override
    public String description() {
        return "Guests that declare no nameserver";
    }

    @Override
    List<Finding> run(DeploymentModel model) {
        List<Finding> out = new ArrayList<>();
        for (Guest g : model.topology().guests()) {
            if (g.nameservers().isEmpty()) {
                out.add(Finding.builder("dns.no-nameserver", Severity.INFO)
                        .title(g.endpoint() + " (" + g.name() + ") declares no nameserver")
                        .message("Without network_config.nameservers the guest takes the host's resolv.conf at"
                                + " creation; its DNS flows are not derived or checked.")
                        .remediation("Declare the deployment's DNS server in network_config.nameservers.")
                        .subject(g.endpoint().subject())
                        .location(UnknownReferenceCheck.at(g.declared(), "/network_config")).build());
            }
        }
        return out;
    }
}
