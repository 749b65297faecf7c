package io.phoenixdiag.core.evidence;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.diag.Check;
import io.phoenixdiag.core.diag.CheckContext;
import io.phoenixdiag.core.diag.Evidence;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.firewall.FirewallRule;
import io.phoenixdiag.core.firewall.GuestFirewall;
import io.phoenixdiag.core.firewall.GuestNic;
import io.phoenixdiag.core.firewall.PveFirewall;
import io.phoenixdiag.core.firewall.pvefile.PveFwEvidence;
import io.phoenixdiag.core.topology.Endpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares the firewall the Phoenix JSON intends (its translation into the Proxmox model,
 * {@code io.phoenixdiag.core.analysis.PhoenixFirewall}) with the one the node really has (the {@code .fw}
 * files and guest configs of {@link PveFwEvidence}, with the NIC lines of {@link CollectedEvidence} when
 * given). Proxmox semantics from the Proxmox VE Admin Guide, "Firewall" (a guest is filtered only when the
 * datacenter, the guest's {@code [OPTIONS] enable: 1} and its NIC's {@code firewall=1} are all on; datacenter
 * rules in {@code cluster.fw} apply to the host).
 *
 * <p>Findings (subjects name the guest; locations the JSON pointer and the file line):
 * <ul>
 * <li>{@code evidence.datacenter-fw-disabled}: the JSON enables the global firewall, {@code cluster.fw} does
 *     not (CRITICAL: nothing is filtered on the node).</li>
 * <li>{@code evidence.guest-fw-disabled}: a guest's JSON says {@code firewall.enabled: true} but its
 *     {@code <vmid>.fw} lacks {@code enable: 1} (or is absent), so Proxmox accepts everything for it
 *     (CRITICAL when the guest runs, INFO otherwise).</li>
 * <li>{@code evidence.nic-firewall-off}: such a guest's NIC lacks {@code firewall=1} in its guest config,
 *     so its rules are never applied to that NIC (CRITICAL when the guest runs, INFO otherwise).</li>
 * <li>{@code evidence.guest-config-missing} (WARNING): a guest the JSON declares has no config on the node.</li>
 * <li>{@code evidence.rule-missing}: a JSON rule with no equal rule in the {@code .fw} file (ERROR when the
 *     guest runs, INFO otherwise; ERROR for datacenter rules). Not reported per rule for a guest that has no
 *     {@code .fw} file at all ({@code evidence.guest-fw-disabled} says so).</li>
 * <li>{@code evidence.rule-extra} (WARNING): a {@code .fw} rule with no equal rule in the JSON.</li>
 * <li>{@code evidence.guest-rule-in-cluster} (CRITICAL): a {@code cluster.fw} rule that is not a global rule
 *     of the JSON but equals a guest's rule: copied there, it opens the host, not the guest.</li>
 * </ul>
 * Rules are equal when direction, action, security group, macro, interface, source, destination, protocol,
 * ports, ICMP type and enabled flag are equal as written (comments and log levels are ignored); each rule
 * matches at most one rule on the other side, so a duplicate counts. Order is not compared.
 *
 * <p>Without {@link PveFwEvidence} it reports nothing. Stateless and thread-safe.
 */
public final class IntentRealityCheck implements Check {
    /** Creates the check (for {@link java.util.ServiceLoader}). */
    public IntentRealityCheck() {
    }

    @Override
    public String id() {
        return "evidence.intent-reality";
    }

    @Override
    public String description() {
        return "The Phoenix JSON firewall intent against the node's real .fw files and guest configs";
    }

    @Override
    public Set<Class<?>> requires() {
        return Set.of(DeploymentModel.class);
    }

    @Override
    public List<Finding> run(CheckContext context) {
        DeploymentModel model = context.require(DeploymentModel.class);
        Optional<PveFwEvidence> ev = context.get(PveFwEvidence.class);
        if (ev.isEmpty()) {
            return List.of();
        }
        Optional<CollectedEvidence> collected = context.get(CollectedEvidence.class);
        PveFirewall json = model.firewall();
        PveFirewall real = ev.get().loaded().value();
        String source = ev.get().source();
        List<Finding> out = new ArrayList<>();
        if (json.datacenter().options().enable() && !real.datacenter().options().enable()) {
            Finding.Builder b = Finding.builder("evidence.datacenter-fw-disabled", Severity.CRITICAL)
                    .title("The datacenter firewall is off on the node, though the JSON enables it")
                    .message("The Phoenix JSON enables the global firewall, but cluster.fw in " + source
                            + " lacks 'enable: 1', so pve-firewall filters nothing on this node: every guest and"
                            + " the host accept all traffic.")
                    .remediation("Set 'enable: 1' in [OPTIONS] of /etc/pve/firewall/cluster.fw (Datacenter >"
                            + " Firewall > Options), or re-apply the Phoenix firewall configuration.")
                    .subject("host");
            json.datacenter().origin().ifPresent(l -> b.location(l).evidence(Evidence.of("the JSON enables it", l)));
            real.datacenter().origin().ifPresent(l -> b.location(l).evidence(Evidence.of("cluster.fw", l)));
            out.add(b.build());
        }
        for (GuestFirewall intended : json.guests().values()) {
            guest(model, intended, real, collected, source, out);
        }
        datacenterRules(json, real, source, out);
        return out;
    }

    private static void guest(DeploymentModel model, GuestFirewall intended, PveFirewall real,
                              Optional<CollectedEvidence> collected, String source, List<Finding> out) {
        String subject = intended.subject();
        boolean active = model.topology().isActive(Endpoint.parse(subject));
        Severity severe = active ? Severity.CRITICAL : Severity.INFO;
        GuestFirewall actual = real.guests().get(intended.vmid());
        Optional<GuestConfig> conf = collected.map(c -> c.guestConfigs().get(intended.vmid()));
        if (actual == null) {
            if (collected.isPresent() && conf.isEmpty()) {
                Finding.Builder b = Finding.builder("evidence.guest-config-missing", Severity.WARNING)
                        .title(subject + " has no guest config on the node")
                        .message("The Phoenix JSON declares " + subject + ", but the evidence holds no lxc/"
                                + intended.vmid() + ".conf or qemu-server/" + intended.vmid() + ".conf: the guest is"
                                + " not on this node (or was not created), and its firewall cannot be compared.")
                        .remediation("Create the guest, or collect the evidence on the node that runs it.")
                        .subject(subject);
                intended.origin().ifPresent(b::location);
                out.add(b.build());
            }
            return;
        }
        if (!intended.options().enable()) {
            return;
        }
        String fwFile = actual.origin().map(Location::file).orElse(source + "/firewall/" + intended.vmid() + ".fw");
        if (!actual.options().enable()) {
            Finding.Builder b = Finding.builder("evidence.guest-fw-disabled", severe)
                    .title("The firewall of " + subject + " is off on the node, though the JSON enables it")
                    .message("The JSON says firewall.enabled: true for " + subject + ", but "
                            + (actual.origin().isPresent() ? fwFile + " lacks 'enable: 1' in [OPTIONS]"
                            : "there is no " + intended.vmid() + ".fw in " + source)
                            + ", so Proxmox accepts every packet to and from " + subject + ".")
                    .remediation("Set 'enable: 1' in [OPTIONS] of /etc/pve/firewall/" + intended.vmid()
                            + ".fw (guest > Firewall > Options > Firewall), or re-apply the Phoenix configuration.")
                    .subject(subject);
            intended.origin().ifPresent(l -> b.location(l).evidence(Evidence.of("the JSON enables the firewall", l)));
            b.location(actual.origin().orElse(Location.ofFile(fwFile)));
            out.add(b.build());
        }
        for (GuestNic nic : intended.nics().values()) {
            if (!nic.firewall()) {
                continue;
            }
            Optional<GuestConfig.NetDevice> dev = conf.flatMap(c -> c.net(nic.name()));
            boolean on = dev.map(GuestConfig.NetDevice::firewall)
                    .orElse(Optional.ofNullable(actual.nics().get(nic.name())).map(GuestNic::firewall).orElse(true));
            if (on) {
                continue;
            }
            Finding.Builder b = Finding.builder("evidence.nic-firewall-off", severe)
                    .title(nic.name() + " of " + subject + " lacks firewall=1")
                    .message("The JSON enables the firewall of " + subject + ", but its guest config does not set"
                            + " firewall=1 on " + nic.name() + ", so pve-firewall does not filter that NIC: its rules"
                            + " and policies never apply to traffic through it.")
                    .remediation("Set firewall=1 on " + nic.name() + " (" + (intended.kind() == io.phoenixdiag.core.firewall.GuestKind.LXC
                            ? "pct" : "qm") + " set " + intended.vmid() + " -" + nic.name()
                            + " <its current value>,firewall=1), or re-apply the Phoenix configuration.")
                    .subject(subject);
            intended.origin().ifPresent(b::location);
            dev.ifPresent(d -> b.location(d.location()).evidence(Evidence.of(nic.name() + " as configured", d.location())));
            out.add(b.build());
        }
        if (actual.origin().isPresent()) { // without a .fw file guest-fw-disabled already says all its rules are missing
            compare(intended.rules(), actual.rules(), subject, fwFile, active ? Severity.ERROR : Severity.INFO, out);
        }
    }

    private static void datacenterRules(PveFirewall json, PveFirewall real, String source, List<Finding> out) {
        Map<String, List<GuestFirewall>> guestRuleOwners = new LinkedHashMap<>();
        for (GuestFirewall g : json.guests().values()) {
            for (FirewallRule r : g.rules()) {
                guestRuleOwners.computeIfAbsent(key(r), k -> new ArrayList<>()).add(g);
            }
        }
        String file = real.datacenter().origin().map(Location::file).orElse(source + "/firewall/cluster.fw");
        List<FirewallRule> extra = compare(json.datacenter().rules(), real.datacenter().rules(), "host", file,
                Severity.ERROR, null);
        List<FirewallRule> missing = compare(real.datacenter().rules(), json.datacenter().rules(), "host", file,
                Severity.ERROR, null);
        for (FirewallRule r : missing) {
            out.add(ruleFinding("evidence.rule-missing", Severity.ERROR, r, "host", "the datacenter (cluster.fw)",
                    "the JSON's global firewall rules", file));
        }
        for (FirewallRule r : extra) {
            List<GuestFirewall> owners = guestRuleOwners.getOrDefault(key(r), List.of());
            if (owners.isEmpty()) {
                out.add(ruleFinding("evidence.rule-extra", Severity.WARNING, r, "host", "cluster.fw", "", file));
                continue;
            }
            String names = String.join(", ", owners.stream().map(GuestFirewall::subject).distinct().toList());
            Finding.Builder b = Finding.builder("evidence.guest-rule-in-cluster", Severity.CRITICAL)
                    .title("A rule of " + names + " was copied into cluster.fw, where it opens the host")
                    .message("cluster.fw holds '" + r.toFwLine() + "', which the JSON declares for " + names
                            + ", not as a global rule. Datacenter rules apply to the host, so this rule lets that"
                            + " traffic reach the Proxmox node itself, and does nothing for " + names + ".")
                    .remediation("Remove the rule from /etc/pve/firewall/cluster.fw and put it in the guest's"
                            + " <vmid>.fw (re-apply the Phoenix configuration).")
                    .subject("host");
            owners.stream().map(GuestFirewall::subject).distinct().forEach(b::subject);
            r.origin().ifPresent(l -> b.location(l).evidence(Evidence.of("the rule in cluster.fw", l)));
            owners.forEach(g -> g.rules().stream().filter(x -> key(x).equals(key(r))).findFirst()
                    .flatMap(FirewallRule::origin).ifPresent(l -> b.evidence(Evidence.of("the guest rule in the JSON", l))));
            out.add(b.build());
        }
    }

    /**
     * The rules of {@code intended} with no equal rule in {@code actual}; with {@code out} not null, also
     * reports missing and extra rules of a guest.
     */
    private static List<FirewallRule> compare(List<FirewallRule> intended, List<FirewallRule> actual, String subject,
                                              String file, Severity missingSeverity, List<Finding> out) {
        List<FirewallRule> unmatched = new ArrayList<>(actual);
        List<FirewallRule> missing = new ArrayList<>();
        for (FirewallRule r : intended) {
            String k = key(r);
            int i = indexOf(unmatched, k);
            if (i >= 0) {
                unmatched.remove(i);
            } else {
                missing.add(r);
            }
        }
        if (out == null) {
            return unmatched;
        }
        for (FirewallRule r : missing) {
            out.add(ruleFinding("evidence.rule-missing", missingSeverity, r, subject, file, "", file));
        }
        for (FirewallRule r : unmatched) {
            out.add(ruleFinding("evidence.rule-extra", Severity.WARNING, r, subject, file, "", file));
        }
        return unmatched;
    }

    private static int indexOf(List<FirewallRule> rules, String key) {
        for (int i = 0; i < rules.size(); i++) {
            if (key(rules.get(i)).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static Finding ruleFinding(String id, Severity severity, FirewallRule r, String subject, String where,
                                       String jsonWhat, String file) {
        boolean missing = id.equals("evidence.rule-missing");
        String line = r.toFwLine().replaceFirst(" # .*$", "");
        Finding.Builder b = Finding.builder(id, severity)
                .title(missing ? "A JSON rule of " + subject + " is missing from " + shortName(file)
                        : shortName(file) + " has a rule of " + subject + " the JSON does not declare")
                .message(missing
                        ? "The Phoenix JSON declares '" + line + "' for " + subject + " but " + where
                        + " holds no equal rule, so the node does not do what the JSON intends."
                        : where + " holds '" + line + "' for " + subject + ", which "
                        + (jsonWhat.isEmpty() ? "the Phoenix JSON" : jsonWhat) + " does not declare: the node"
                        + " differs from the intent (a manual change, or a stale rule).")
                .remediation(missing ? "Re-apply the Phoenix firewall configuration, or add the rule to " + shortName(file) + "."
                        : "Remove the rule from " + shortName(file) + ", or add it to the Phoenix JSON if it is wanted.")
                .subject(subject);
        r.origin().ifPresent(l -> b.location(l).evidence(Evidence.of(missing ? "the JSON rule" : "the rule in the file", l)));
        if (missing) {
            b.location(Location.ofFile(file));
        }
        return b.build();
    }

    private static String shortName(String file) {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? file : file.substring(slash + 1);
    }

    /** The comparable form of a rule: all matching fields as written, without comment and log level. */
    static String key(FirewallRule r) {
        return String.join("|", r.direction().name(), r.action().map(Enum::name).orElse(""), r.securityGroup(),
                r.macro().toLowerCase(java.util.Locale.ROOT), r.iface(), r.source().text(), r.dest().text(),
                r.proto().toLowerCase(java.util.Locale.ROOT), r.dport().text(), r.sport().text(), r.icmpType(),
                Boolean.toString(r.enabled()));
    }
}
