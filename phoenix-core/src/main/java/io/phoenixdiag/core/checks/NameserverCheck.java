package io.phoenixdiag.core.checks;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.topology.Endpoint;
import io.phoenixdiag.core.topology.Guest;
import io.phoenixdiag.core.topology.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Guests that declare no nameserver: they inherit the host's {@code /etc/resolv.conf} at creation
 * ({@code pct create} without {@code --nameserver}), so their DNS flows cannot be derived.
 *
 * <p>Finding {@code dns.no-nameserver} (INFO), one per guest; and {@code dns.nameserver-not-dns}
 * (WARNING) when the host's own resolver list names a guest that holds no DNS role. Stateless and
 * thread-safe.
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
        for (String ns : model.topology().host().nameservers()) {
            model.topology().ownerOf(ns).filter(Endpoint::isGuest)
                    .filter(e -> !model.roles().has(e, Role.DNS)).ifPresent(e -> {
                        String dns = model.roles().holders(Role.DNS).stream().map(d -> model.topology().label(d))
                                .findFirst().orElse("the deployment's DNS server");
                        out.add(Finding.builder("dns.nameserver-not-dns", Severity.WARNING)
                                .title("The host resolves names with " + model.topology().label(e)
                                        + ", which is not a DNS server")
                                .message("network.interfaces.dns_nameservers lists " + ns + " (" + e + ", "
                                        + model.topology().guest(e).map(Guest::name).orElse("") + "), but no guest uses it"
                                        + " as nameserver and nothing marks it as a DNS server, so the host's lookups"
                                        + " through it time out or are refused.")
                                .remediation("List " + dns + " first in dns_nameservers, or declare the DNS role of "
                                        + e + " with --roles if it really serves DNS.")
                                .subject("host", e.subject())
                                .location(UnknownReferenceCheck.at(model.topology().host().declared(), "/dns_nameservers"))
                                .build());
                    });
        }
        return out;
    }
}
