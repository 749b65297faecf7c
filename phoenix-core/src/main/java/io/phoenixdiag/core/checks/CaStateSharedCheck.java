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
 * A CA guest's state directories mounted into other guests.
 *
 * <p>Step-CA keeps its configuration, database and the intermediate's private key under its state
 * directory ({@code $STEPPATH}, e.g. {@code /etc/step-ca} or {@code /root/.step}). When a host
 * directory mounted into the CA guest is also mounted into another guest, that guest can read whatever
 * the CA writes there. Finding {@code pki.ca-state-shared}: ERROR when the CA mounts it under a
 * step-ca state path ({@code step-ca}, {@code .step}), WARNING otherwise. Stateless and thread-safe.
 */
public final class CaStateSharedCheck extends ModelCheck {
    /** Creates the check (for {@link java.util.ServiceLoader}). */
    public CaStateSharedCheck() {
    }

    @Override
    public String id() {
        return "pki.ca-state-shared";
    }

    @Override
    public String description() {
        return "The CA guest's state directories mounted into other guests";
    }

    @Override
    List<Finding> run(DeploymentModel model) {
        List<Finding> out = new ArrayList<>();
        for (Endpoint ca : model.roles().holders(Role.CA)) {
            Guest caGuest = model.topology().guest(ca).orElse(null);
            if (caGuest == null) {
                continue;
            }
            for (Guest.Mount caMount : caGuest.mounts()) {
                String hostPath = normalise(caMount.hostPath());
                boolean state = caMount.guestPath().contains("step-ca") || caMount.guestPath().contains(".step");
                for (Guest other : model.topology().guests()) {
                    if (other.endpoint().equals(ca)) {
                        continue;
                    }
                    for (Guest.Mount m : other.mounts()) {
                        String p = normalise(m.hostPath());
                        if (contains(hostPath, p) || contains(p, hostPath)) {
                            out.add(Finding.builder("pki.ca-state-shared", state ? Severity.ERROR : Severity.WARNING)
                                    .title("CA directory " + caMount.hostPath() + " is mounted into " + other.endpoint())
                                    .message(ca + " (" + caGuest.name() + ") mounts " + caMount.hostPath() + " at "
                                            + caMount.guestPath() + ", and " + other.endpoint() + " (" + other.name()
                                            + ") mounts " + m.hostPath() + " at " + m.guestPath()
                                            + ": it can read what the CA keeps there"
                                            + (state ? ", including step-ca's keys and database." : "."))
                                    .remediation("Export only the root certificate (e.g. with `step ca root`) to a"
                                            + " separate directory and mount that instead.")
                                    .subject(ca.subject(), other.endpoint().subject())
                                    .evidence(ca + " mount " + caMount.hostPath() + " -> " + caMount.guestPath())
                                    .evidence(other.endpoint() + " mount " + m.hostPath() + " -> " + m.guestPath())
                                    .location(caMount.declared()).location(m.declared()).build());
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Whether directory {@code outer} is {@code inner} or one of its ancestors ({@code /} contains everything). */
    private static boolean contains(String outer, String inner) {
        return inner.equals(outer) || inner.startsWith(outer.endsWith("/") ? outer : outer + "/");
    }

    private static String normalise(String path) {
        String p = path.trim();
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
