package io.phoenixdiag.core.checks;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.topology.Endpoint;
import io.phoenixdiag.core.topology.IntendedFlow;
import io.phoenixdiag.core.topology.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/**
 * Router backends whose URL scheme does not match what the backend speaks.
 *
 * <p>The deployment's Traefik generator writes {@code http://} for every container backend and
 * {@code https://} for every VM. Known protocol facts: Step-CA serves HTTPS only on its port (its
 * {@code ca.json} has no plain-HTTP listener); the Nginx gateway's 443 is TLS. Plain HTTP to a TLS port
 * fails with "client sent an HTTP request to an HTTPS server" (400) or a reset. Finding
 * {@code router.scheme-mismatch}: ERROR for those known cases, WARNING for an {@code http} backend on a
 * conventional TLS port (443, 8443, 9443). Stateless and thread-safe.
 */
public final class RouterSchemeCheck extends ModelCheck {
    /** Creates the check (for {@link java.util.ServiceLoader}). */
    public RouterSchemeCheck() {
    }

    @Override
    public String id() {
        return "router.scheme-mismatch";
    }

    @Override
    public String description() {
        return "Router backends whose scheme does not match what the backend speaks";
    }

    @Override
    List<Finding> run(DeploymentModel model) {
        List<Finding> out = new ArrayList<>();
        Set<Endpoint> routers = new HashSet<>(model.roles().holders(Role.ROUTER));
        Set<Endpoint> cas = new HashSet<>(model.roles().holders(Role.CA));
        Set<Endpoint> gateways = new HashSet<>(model.roles().holders(Role.GATEWAY));
        for (IntendedFlow f : model.flows()) {
            if (!routers.contains(f.source()) || !f.scheme().equals("http")) {
                continue;
            }
            Endpoint b = f.destination();
            String why = null;
            Severity sev = Severity.ERROR;
            if (cas.contains(b)) {
                why = "Step-CA serves HTTPS only on port " + f.port();
            } else if (gateways.contains(b) && f.port() == 443) {
                why = "the Nginx gateway's port 443 is TLS";
            } else if (f.port() == 443 || f.port() == 8443 || f.port() == 9443) {
                why = "port " + f.port() + " is conventionally TLS";
                sev = Severity.WARNING;
            }
            if (why == null) {
                continue;
            }
            out.add(Finding.builder("router.scheme-mismatch", f.active() ? sev : Severity.INFO)
                    .title("Traefik reaches " + model.topology().label(b) + " over http, but " + why)
                    .message("The router's generated service for " + b + " uses http://" 
                            + model.topology().addressOf(b).orElse(b.subject()) + ":" + f.port() + " because "
                            + b + " is a container; " + why + ", so every request through the router fails.")
                    .remediation("Serve the backend over https in the Traefik service (scheme https with the"
                            + " internal-ca serversTransport), or point the router at the backend's plain-HTTP port.")
                    .subject(f.source().subject(), b.subject(),
                            model.topology().addressOf(b).orElse(b.subject()) + ":" + f.port() + "/" + f.protocol())
                    .evidence(f.purpose() + " (" + f.id() + ")")
                    .location(f.impliedBy().get(0)).build());
        }
        return out;
    }
}
