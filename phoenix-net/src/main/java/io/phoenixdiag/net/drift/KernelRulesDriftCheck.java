package io.phoenixdiag.net.drift;

import io.phoenixdiag.core.diag.Check;
import io.phoenixdiag.core.diag.CheckContext;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.firewall.PveFirewall;
import io.phoenixdiag.core.firewall.pvefile.PveFwEvidence;
import io.phoenixdiag.net.fwlayer.IptablesEvidence;
import io.phoenixdiag.net.iptables.Chain;
import io.phoenixdiag.net.iptables.Family;
import io.phoenixdiag.net.iptables.IptablesSave;
import io.phoenixdiag.net.iptables.Rule;
import io.phoenixdiag.net.iptables.Ruleset;
import io.phoenixdiag.net.iptables.Table;
import io.phoenixdiag.net.pvecompile.PveRulesetRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The kernel's IPv4 {@code filter} rules against what the node's {@code .fw} files and guest configs compile
 * to ({@link PveRulesetRenderer}, pve-firewall's {@code compile_iptables_filter}): a difference means
 * pve-firewall did not apply the files (stopped, failed to compile, the nftables back end in use), or
 * something else changed the rules. Only pve-firewall's own chains are compared ({@code PVEFW-*},
 * {@code tap<id>i<n>-IN/OUT}, {@code veth<id>i<n>-IN/OUT}, {@code GROUP-*}); rules are compared as written
 * (whitespace collapsed), as multisets per chain, ignoring pve-firewall's {@code PVESIG} signature rules,
 * which the renderer does not produce.
 *
 * <p>Findings, each WARNING (the renderer models pve-firewall's output, so a difference can also be a
 * rendering gap; the message says which rules differ):
 * <ul>
 * <li>{@code evidence.kernel-rules-missing}: the datacenter firewall is enabled in the files, but no dump
 *     holds pve-firewall's chains;</li>
 * <li>{@code evidence.kernel-chain-missing}: chains the files compile to that the kernel lacks (e.g. a
 *     guest enabled since pve-firewall last compiled);</li>
 * <li>{@code evidence.kernel-chain-extra}: pve-firewall chains the kernel holds that the files do not produce;</li>
 * <li>{@code evidence.kernel-rules-drift}: per chain, rules only in the kernel or only in the compiled files,
 *     located at the chain's line in the dump.</li>
 * </ul>
 * Needs {@link PveFwEvidence} and {@link IptablesEvidence}; without either it reports nothing. Stateless and
 * thread-safe.
 */
public final class KernelRulesDriftCheck implements Check {
    private static final Pattern PVE_CHAIN = Pattern.compile("^(PVEFW-.*|(tap|veth)\\d+i\\d+-(IN|OUT)|GROUP-.*)$");
    private static final int SHOWN = 3;

    /** Creates the check (for {@link java.util.ServiceLoader}). */
    public KernelRulesDriftCheck() {
    }

    @Override
    public String id() {
        return "evidence.kernel-rules";
    }

    @Override
    public String description() {
        return "The kernel's netfilter rules against what the Proxmox .fw files compile to";
    }

    @Override
    public List<Finding> run(CheckContext context) {
        Optional<PveFwEvidence> pve = context.get(PveFwEvidence.class);
        Optional<IptablesEvidence> ipt = context.get(IptablesEvidence.class);
        if (pve.isEmpty() || ipt.isEmpty()) {
            return List.of();
        }
        PveFirewall files = pve.get().loaded().value();
        if (!files.datacenter().options().enable()) {
            return List.of();
        }
        Optional<Table> expected = filter(PveRulesetRenderer.render(files, 4).dump());
        List<Finding> out = new ArrayList<>();
        Table real = null;
        String source = "";
        for (IptablesSave d : ipt.get().dumps()) {
            Optional<Table> t = filter(d).filter(x -> x.chain("PVEFW-FORWARD").isPresent());
            if (t.isPresent()) {
                real = t.get();
                source = d.source();
                break;
            }
        }
        if (expected.isEmpty()) {
            return out;
        }
        if (real == null) {
            out.add(Finding.builder("evidence.kernel-rules-missing", Severity.WARNING)
                    .title("No pve-firewall rules are loaded, though the files enable the firewall")
                    .message("The datacenter firewall is enabled in " + pve.get().source() + ", but no IPv4 filter table"
                            + " in " + ipt.get().source() + " holds pve-firewall's chains (PVEFW-FORWARD): pve-firewall"
                            + " is stopped, failed to compile, or the node uses the nftables firewall (proxmox-firewall),"
                            + " whose rules only 'nft list ruleset' shows.")
                    .remediation("Check 'pve-firewall status' and its log; with the nftables back end, compare the nft ruleset.")
                    .subject("host").location(Location.ofFile(ipt.get().source())).build());
            return out;
        }
        List<String> missingChains = new ArrayList<>();
        for (Chain want : expected.get().chains()) {
            if (!PVE_CHAIN.matcher(want.name()).matches()) {
                continue;
            }
            Optional<Chain> have = real.chain(want.name());
            if (have.isEmpty()) {
                missingChains.add(want.name());
                continue;
            }
            List<String> onlyFiles = new ArrayList<>(texts(want));
            List<String> onlyKernel = new ArrayList<>();
            for (String t : texts(have.get())) {
                if (!onlyFiles.remove(t)) {
                    onlyKernel.add(t);
                }
            }
            if (onlyFiles.isEmpty() && onlyKernel.isEmpty()) {
                continue;
            }
            Chain c = have.get();
            out.add(Finding.builder("evidence.kernel-rules-drift", Severity.WARNING)
                    .title("Chain " + c.name() + " in the kernel differs from what the .fw files compile to")
                    .message(c.name() + " in " + source + ": " + describe(onlyFiles, "rule(s) the files compile to are not loaded")
                            + (onlyFiles.isEmpty() || onlyKernel.isEmpty() ? "" : "; ")
                            + describe(onlyKernel, "loaded rule(s) the files do not compile to") + ".")
                    .remediation("Run 'pve-firewall compile' to see what it would load and 'pve-firewall restart' to"
                            + " load it; find what else changes the rules (Docker, a VPN, a script).")
                    .subject("host").location(c.line() > 0 ? Location.ofLine(source, c.line(), 1) : Location.ofFile(source))
                    .build());
        }
        if (!missingChains.isEmpty()) {
            out.add(Finding.builder("evidence.kernel-chain-missing", Severity.WARNING)
                    .title(missingChains.size() + " chain(s) the .fw files compile to are not loaded")
                    .message(source + " lacks " + String.join(", ", missingChains) + ", which the files in "
                            + pve.get().source() + " compile to: pve-firewall has not applied the current files.")
                    .remediation("Run 'pve-firewall restart' and check its log for compile errors.")
                    .subject("host").location(Location.ofFile(source)).build());
        }
        List<String> extraChains = new ArrayList<>();
        for (Chain c : real.chains()) {
            if (PVE_CHAIN.matcher(c.name()).matches() && expected.get().chain(c.name()).isEmpty()) {
                extraChains.add(c.name());
            }
        }
        if (!extraChains.isEmpty()) {
            out.add(Finding.builder("evidence.kernel-chain-extra", Severity.WARNING)
                    .title(extraChains.size() + " loaded pve-firewall chain(s) the .fw files do not produce")
                    .message(source + " holds " + String.join(", ", extraChains) + ", which the files in "
                            + pve.get().source() + " do not compile to (a guest removed or its firewall turned off since"
                            + " pve-firewall last applied the files, or a NIC without firewall=1 in the guest config).")
                    .remediation("Run 'pve-firewall restart'; check the guests' NIC firewall flags.")
                    .subject("host").location(Location.ofFile(source)).build());
        }
        return out;
    }

    private static Optional<Table> filter(IptablesSave dump) {
        for (Ruleset rs : dump.rulesets()) {
            if (rs.family() == Family.IPV4) {
                Optional<Table> t = rs.table("filter");
                if (t.isPresent()) {
                    return t;
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> texts(Chain c) {
        List<String> out = new ArrayList<>();
        for (Rule r : c.rules()) {
            if (!r.text().contains("PVESIG:")) {
                out.add(r.text().strip().replaceAll("\\s+", " "));
            }
        }
        return out;
    }

    private static String describe(List<String> rules, String what) {
        if (rules.isEmpty()) {
            return "";
        }
        List<String> shown = rules.subList(0, Math.min(SHOWN, rules.size())).stream().map(r -> "'" + r + "'").toList();
        return rules.size() + " " + what + " (" + String.join(", ", shown) + (rules.size() > SHOWN ? ", ..." : "") + ")";
    }
}
