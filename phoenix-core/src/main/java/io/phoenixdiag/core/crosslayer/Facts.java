package io.phoenixdiag.core.crosslayer;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.analysis.FlowEvaluation;
import io.phoenixdiag.core.config.CertificateEntry;
import io.phoenixdiag.core.config.CertificateManifest;
import io.phoenixdiag.core.config.Deployment;
import io.phoenixdiag.core.config.DnsRecord;
import io.phoenixdiag.core.config.DockerStack;
import io.phoenixdiag.core.config.LxcContainer;
import io.phoenixdiag.core.config.StackEnvironment;
import io.phoenixdiag.core.config.StackService;
import io.phoenixdiag.core.config.VirtualMachine;
import io.phoenixdiag.core.diag.CheckContext;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.firewall.PveFirewallEvaluator;
import io.phoenixdiag.core.firewall.Verdict;
import io.phoenixdiag.core.gateway.TraefikDynamicConfig;
import io.phoenixdiag.core.gateway.TraefikGenerator;
import io.phoenixdiag.core.gateway.TraefikLabel;
import io.phoenixdiag.core.topology.Endpoint;
import io.phoenixdiag.core.topology.Guest;
import io.phoenixdiag.core.topology.IntendedFlow;
import io.phoenixdiag.core.topology.Role;
import io.phoenixdiag.core.topology.Roles;
import io.phoenixdiag.core.topology.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the cross-layer checks look at, gathered once per check run: the analysed deployment, the gateway-layer
 * files, the effective Traefik dynamic configuration and the stacks' labels, with the name resolution and path
 * mapping the checks share. Immutable after construction.
 */
final class Facts {

    /** File name of the exported Step-CA root in the CA's {@code /etc/step-ca/ssl} (Phoenix convention). */
    static final String ROOT_FILE = "phoenix_root_ca.crt";
    /** The CA guest's directory holding the exported root. */
    static final String CA_EXPORT_DIR = "/etc/step-ca/ssl";

    private static final Pattern EXEC = Pattern.compile("\\b(pct exec|qm guest exec|qm exec)\\s+([0-9]+)");

    /** One stack service's labels as Traefik would read them. */
    record Labelled(String stack, String service, TraefikDynamicConfig config) {
    }

    /** One place a proxy_pass sends requests to, with where that is decided. */
    record Hop(String url, String scheme, String host, int port, Location at) {
    }

    /**
     * Where a proxy_pass goes: its resolved target (or, when the target names an {@code upstream} block, each of
     * the block's servers, located at their {@code server} lines) and the map alternatives; located at the
     * {@code map} default when one decides, else at the {@code proxy_pass}. Targets still holding variables
     * are left out.
     */
    static List<Hop> hops(io.phoenixdiag.core.gateway.NginxProxyPass pp) {
        Location at = pp.via().isEmpty() ? pp.location() : pp.via().get(0);
        List<io.phoenixdiag.core.gateway.NginxProxyTarget> targets = new ArrayList<>();
        pp.target().ifPresent(targets::add);
        targets.addAll(pp.alternatives());
        List<Hop> out = new ArrayList<>();
        for (io.phoenixdiag.core.gateway.NginxProxyTarget t : targets) {
            Optional<io.phoenixdiag.core.gateway.NginxUpstream> up = pp.upstream()
                    .filter(u -> u.name().equals(t.host()));
            if (up.isPresent()) {
                up.get().servers().stream().filter(v -> validPort(v.port())).forEach(v -> out.add(new Hop(
                        t.scheme() + "://" + v.host() + ":" + v.port(), t.scheme(), v.host(), v.port(), v.location())));
            } else if (!t.host().isEmpty() && !t.host().contains("$") && validPort(t.port())) {
                out.add(new Hop(t.url(), t.scheme(), t.host(), t.port(), at));
            }
        }
        return out;
    }

    /**
     * Traefik's static configuration when it could be read: empty when there is none, and when the file has a
     * syntax-level ERROR (YAML error, unreadable, not UTF-8, outside the deployment), since Traefik then does not
     * start and findings about its entry points or routers would only echo that one error.
     */
    static Optional<io.phoenixdiag.core.gateway.TraefikStaticConfig> readableStatic(GatewayConfigs configs) {
        return configs.traefikStatic().filter(st -> st.findings().stream().noneMatch(x -> x.severity()
                == io.phoenixdiag.core.diag.Severity.ERROR
                && x.checkId().equals(io.phoenixdiag.core.gateway.TraefikStaticConfig.SYNTAX_CHECK)));
    }

    /** Whether a port is a TCP port number (1..65535, RFC 793); the parsers report any other as a value finding. */
    static boolean validPort(int port) {
        return port >= 1 && port <= 65535;
    }

    /** A host name or address resolved to a component of the deployment, with why. */
    record Resolved(Endpoint endpoint, String reason, Location at) {
    }

    final Deployment deployment;
    final Roles roles;
    final Topology topology;
    private final Optional<DeploymentModel> model;
    final GatewayConfigs configs;
    final TraefikDynamicConfig dynamic;
    final List<Labelled> labels;
    private PveFirewallEvaluator evaluator;

    private Facts(Deployment deployment, Topology topology, Roles roles, Optional<DeploymentModel> model,
                  GatewayConfigs configs) {
        this.deployment = deployment;
        this.roles = roles;
        this.model = model;
        this.topology = topology;
        this.configs = configs;
        this.dynamic = configs.traefikDynamic().isEmpty() ? TraefikGenerator.generate(deployment)
                : merge(configs.traefikDynamic());
        this.labels = labels(deployment);
    }

    static Facts of(CheckContext context) {
        DeploymentModel m = context.require(DeploymentModel.class);
        GatewayConfigs c = context.get(GatewayConfigs.class).orElseGet(() -> m.deployment().directory().isEmpty()
                ? GatewayConfigs.NONE : GatewayConfigs.discover(Path.of(m.deployment().directory())));
        return new Facts(m.deployment(), m.topology(), m.roles(), Optional.of(m), c);
    }

    /** Facts before the firewall is analysed (for flow inference); {@link #firewall} is then unavailable. */
    static Facts of(Deployment d, Topology t, Roles r, CheckContext context) {
        GatewayConfigs c = context.get(GatewayConfigs.class).orElseGet(() -> d.directory().isEmpty()
                ? GatewayConfigs.NONE : GatewayConfigs.discover(Path.of(d.directory())));
        return new Facts(d, t, r, Optional.empty(), c);
    }

    private static TraefikDynamicConfig merge(List<TraefikDynamicConfig> files) {
        List<io.phoenixdiag.core.gateway.TraefikRouter> r = new ArrayList<>();
        List<io.phoenixdiag.core.gateway.TraefikHttpService> s = new ArrayList<>();
        List<io.phoenixdiag.core.gateway.TraefikServersTransport> t = new ArrayList<>();
        List<io.phoenixdiag.core.gateway.TraefikMiddleware> m = new ArrayList<>();
        for (TraefikDynamicConfig f : files) {
            r.addAll(f.routers());
            s.addAll(f.services());
            t.addAll(f.serversTransports());
            m.addAll(f.middlewares());
        }
        return new TraefikDynamicConfig(TraefikDynamicConfig.FILE, r, s, t, m, List.of());
    }

    private static List<Labelled> labels(Deployment d) {
        List<Labelled> out = new ArrayList<>();
        addLabels(d.dockerStacks(), out);
        addLabels(d.stackManifests(), out);
        return List.copyOf(out);
    }

    private static void addLabels(Map<String, DockerStack> stacks, List<Labelled> out) {
        for (DockerStack stack : stacks.values()) {
            for (StackEnvironment env : stack.environments().values()) {
                for (StackService svc : env.services().values()) {
                    if (svc.traefikLabels().isEmpty()) {
                        continue;
                    }
                    List<TraefikLabel> ls = new ArrayList<>();
                    for (int i = 0; i < svc.traefikLabels().size(); i++) {
                        Location base = svc.location();
                        ls.add(new TraefikLabel(svc.traefikLabels().get(i), new Location(base.file(),
                                base.pointer() + "/traefik_labels/" + i, 0, 0)));
                    }
                    out.add(new Labelled(stack.name(), svc.name(), TraefikDynamicConfig.fromLabels(ls)));
                }
            }
        }
    }

    /** Whether the analysed model already holds an intended flow (then firewall.flow-blocked reports it). */
    boolean intended(String flowId) {
        return model.map(m -> m.flows().stream().anyMatch(x -> x.id().equals(flowId))).orElse(false);
    }

    /** The first holder of a role. */
    Optional<Endpoint> first(Role role) {
        List<Endpoint> h = roles.holders(role);
        return h.isEmpty() ? Optional.empty() : Optional.of(h.get(0));
    }

    boolean has(Endpoint e, Role role) {
        return roles.has(e, role);
    }

    /** Where a component is declared. */
    Location declared(Endpoint e) {
        return topology.guest(e).map(Guest::declared).orElse(topology.host().declared());
    }

    /** Where the guests are declared (for "no such guest" findings). */
    Location guestsDeclared() {
        Deployment d = deployment;
        return d.lxcConfigs().map(l -> l.location()).or(() -> d.vmConfigs().map(v -> v.location()))
                .orElse(topology.host().declared());
    }

    String label(Endpoint e) {
        return topology.label(e);
    }

    /**
     * Resolves a host name or address as written in a proxy or router configuration: an address owned by a
     * component; a guest's name (alone or under the internal domain); a {@code dns_records} entry; the common
     * name or a SAN of a certificate-manifest entry renewed into a guest.
     */
    Optional<Resolved> resolve(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        String h = lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower;
        if (h.isEmpty()) {
            return Optional.empty();
        }
        if (h.contains(":") || h.matches("[0-9.]+")) {
            return topology.ownerOf(h).map(e -> new Resolved(e, h + " is the address of " + label(e), declared(e)));
        }
        String dom = topology.domain().toLowerCase(Locale.ROOT);
        for (Guest g : topology.guests()) {
            String n = g.name().toLowerCase(Locale.ROOT);
            if (!n.isEmpty() && (h.equals(n) || h.equals(n + "." + dom))) {
                return Optional.of(new Resolved(g.endpoint(), h + " is the name of " + label(g.endpoint()), g.declared()));
            }
        }
        Deployment d = deployment;
        List<DnsRecord> records = new ArrayList<>();
        d.containers().values().forEach(c -> records.addAll(c.dnsRecords()));
        d.vms().forEach(v -> records.addAll(v.dnsRecords()));
        for (DnsRecord r : records) {
            String n = r.hostname().toLowerCase(Locale.ROOT);
            String ip = !r.ip().isEmpty() ? r.ip() : r.ipInternal();
            if ((h.equals(n) || h.equals(n + "." + dom)) && topology.ownerOf(ip).isPresent()) {
                Endpoint e = topology.ownerOf(ip).get();
                return Optional.of(new Resolved(e, h + " has the DNS record " + ip + " (" + label(e) + ")", r.location()));
            }
        }
        for (CertificateEntry c : manifest()) {
            boolean named = c.commonName().equalsIgnoreCase(h) || c.sans().stream().anyMatch(s -> s.equalsIgnoreCase(h));
            Optional<Endpoint> owner = owner(c);
            if (named && owner.isPresent()) {
                return Optional.of(new Resolved(owner.get(), h + " is the name of the certificate-manifest entry "
                        + c.commonName() + ", renewed into " + label(owner.get()), c.location()));
            }
        }
        return Optional.empty();
    }

    List<CertificateEntry> manifest() {
        return deployment.certificateManifest().map(CertificateManifest::entries).orElse(List.of());
    }

    Location manifestAt() {
        return deployment.certificateManifest().map(CertificateManifest::location)
                .orElse(Location.ofFile("certificate-manifest.json"));
    }

    /**
     * The guest a manifest entry serves: the guest its {@code post_renewal_command} runs in ({@code pct exec N},
     * {@code qm guest exec N}), else the only guest with a mount holding its certificate.
     */
    Optional<Endpoint> owner(CertificateEntry c) {
        Matcher m = EXEC.matcher(c.postRenewalCommand());
        if (m.find()) {
            int id = Integer.parseInt(m.group(2));
            Endpoint e = m.group(1).startsWith("pct") ? Endpoint.lxc(id) : Endpoint.vm(id);
            if (topology.guest(e).isPresent()) {
                return Optional.of(e);
            }
        }
        List<Endpoint> holders = new ArrayList<>();
        for (Guest g : topology.guests()) {
            if (guestPath(g.endpoint(), c.certPath()).isPresent()) {
                holders.add(g.endpoint());
            }
        }
        return holders.size() == 1 ? Optional.of(holders.get(0)) : Optional.empty();
    }

    /** The host path behind a guest path, through the guest's mounts (longest guest-side prefix wins). */
    Optional<String> hostPath(Endpoint e, String guestPath) {
        return mountFor(e, guestPath).map(m -> m.hostPath() + guestPath.substring(trim(m.guestPath()).length()));
    }

    Optional<Guest.Mount> mountFor(Endpoint e, String guestPath) {
        Guest.Mount best = null;
        for (Guest.Mount m : topology.guest(e).map(Guest::mounts).orElse(List.of())) {
            String gp = trim(m.guestPath());
            if (!gp.isEmpty() && (guestPath.equals(gp) || guestPath.startsWith(gp + "/"))
                    && (best == null || gp.length() > trim(best.guestPath()).length())) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The guest path behind a host path, through a guest's mounts. */
    Optional<String> guestPath(Endpoint e, String hostPath) {
        for (Guest.Mount m : topology.guest(e).map(Guest::mounts).orElse(List.of())) {
            String hp = trim(m.hostPath());
            if (!hp.isEmpty() && (hostPath.equals(hp) || hostPath.startsWith(hp + "/"))) {
                return Optional.of(trim(m.guestPath()) + hostPath.substring(hp.length()));
            }
        }
        return Optional.empty();
    }

    private static String trim(String p) {
        return p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
    }

    /** Host path of the Step-CA root the CA exports, with the mount that declares it. */
    Optional<Map.Entry<String, Location>> exportedRoot() {
        for (Endpoint ca : roles.holders(Role.CA)) {
            Optional<Guest.Mount> m = mountFor(ca, CA_EXPORT_DIR + "/" + ROOT_FILE);
            if (m.isPresent()) {
                return Optional.of(Map.entry(hostPath(ca, CA_EXPORT_DIR + "/" + ROOT_FILE).orElseThrow(),
                        m.get().declared()));
            }
        }
        return Optional.empty();
    }

    /** Number of intermediates between the Step-CA root and a leaf (1 when an intermediate is named). */
    int intermediates() {
        return deployment.hypervisor().flatMap(h -> h.stepCa())
                .map(s -> s.intermediateCaName().isEmpty() ? 0 : 1).orElse(1);
    }

    /** The Proxmox firewall's verdict on a new TCP connection. */
    synchronized Verdict firewall(Endpoint src, Endpoint dst, int port, String purpose) {
        if (evaluator == null) {
            evaluator = PveFirewallEvaluator.compile(model.orElseThrow().firewall());
        }
        return FlowEvaluation.evaluate(evaluator, topology, IntendedFlow.of(src, dst, "tcp", port, "", purpose,
                List.of(), true));
    }

    /** Declared service ports of a guest ({@code traefik_service} and published {@code ports}). */
    List<Integer> servicePorts(Endpoint e) {
        List<Integer> out = new ArrayList<>();
        topology.guest(e).ifPresent(g -> g.services().forEach(s -> out.add(s.port())));
        if (e.kind() == Endpoint.Kind.LXC) {
            deployment.container(e.guestId()).map(LxcContainer::ports)
                    .ifPresent(ps -> ps.forEach(p -> out.add(p.hostPort())));
        }
        if (e.kind() == Endpoint.Kind.VM) {
            deployment.vm(e.guestId()).map(VirtualMachine::traefikService).flatMap(x -> x)
                    .ifPresent(t -> t.port().ifPresent(out::add));
        }
        return out;
    }
}
