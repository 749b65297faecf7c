package io.phoenixdiag.core.gateway;

import io.phoenixdiag.core.config.Deployment;
import io.phoenixdiag.core.config.GuestNetwork;
import io.phoenixdiag.core.config.HypervisorConfig;
import io.phoenixdiag.core.config.LxcContainer;
import io.phoenixdiag.core.config.TraefikService;
import io.phoenixdiag.core.config.VirtualMachine;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reproduces, from the Phoenix JSON, the Traefik dynamic configuration the deployment's own script
 * ({@code bin/generate_traefik_config.sh}, "v4 - HTTP-Only Service Mesh") writes to
 * {@code etc/traefik/dynamic_conf.yml}, so checks work without the generated file.
 *
 * <p>The script's rules, followed exactly: for every VM (in {@code vms} order) and then every container (in
 * {@code lxc_configs} order) with a {@code traefik_service}, a router {@code <name>-router} with rule
 * {@code Host(`<name>.<internal domain>`)} on entry point {@code web} and service {@code <name>-service}; the
 * service has one server, {@code https://<vm ip>:<port>} for a VM or {@code http://<lxc ip>:<port>} for a
 * container (the address part of {@code network_config.ip}), {@code passHostHeader: true}, and for https
 * servers {@code serversTransport: internal-ca@file}; then the router {@code traefik-dashboard-router}
 * ({@code Host(`traefik.<internal domain>`)} to {@code api@internal}) and the servers transport
 * {@code internal-ca} ({@code insecureSkipVerify: false}, root CA {@value #ROOT_CA}). The script hard-codes its
 * internal domain; here it is the hypervisor's {@code domain_name}. Templates and guests not started at boot
 * are included, as the script does. Stateless and thread-safe.
 */
public final class TraefikGenerator {

    /** The exported Step-CA root the generated {@code internal-ca} transport trusts (a guest path). */
    public static final String ROOT_CA = "/etc/step-ca/ssl/phoenix_root_ca.crt";
    /** The servers transport name the script writes. */
    public static final String TRANSPORT = "internal-ca";
    /** The entry point every generated router uses. */
    public static final String ENTRY_POINT = "web";
    /** Check id of findings about JSON the script would turn into a broken server URL. */
    public static final String GENERATOR_CHECK = "gateway.traefik-generator";

    private TraefikGenerator() {
    }

    /**
     * Generates the dynamic configuration.
     *
     * @param deployment the loaded deployment
     * @return the configuration ({@link TraefikDynamicConfig#GENERATED}); each router and service is located at
     *         the {@code traefik_service} that produced it, the dashboard router and the transport at
     *         {@code domain_name}; a guest without a static address or a service without a usable port gives a
     *         WARNING {@value #GENERATOR_CHECK} finding (the script would write {@code dhcp} or {@code null})
     */
    public static TraefikDynamicConfig generate(Deployment deployment) {
        String domain = deployment.hypervisor().map(HypervisorConfig::domainName).orElse("");
        Location domainAt = deployment.hypervisor().map(h -> h.location().pointer().isEmpty() && h.location().line() == 0
                ? Location.ofPointer(h.location().file(), "/domain_name")
                : new Location(h.location().file(), h.location().pointer() + "/domain_name", 0, 0))
                .orElse(Location.ofFile(deployment.directory().isEmpty() ? "deployment" : deployment.directory()));
        List<TraefikRouter> routers = new ArrayList<>();
        List<TraefikHttpService> services = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (VirtualMachine vm : deployment.vms()) {
            vm.traefikService().ifPresent(s -> add(s, "https", vm.networkConfig(), domain, routers, services, findings));
        }
        for (LxcContainer c : deployment.containers().values()) {
            c.traefikService().ifPresent(s -> add(s, "http", c.networkConfig(), domain, routers, services, findings));
        }
        routers.add(new TraefikRouter("traefik-dashboard-router", "Host(`traefik." + domain + "`)", List.of(ENTRY_POINT),
                "api@internal", List.of(), false, "", domainAt));
        return new TraefikDynamicConfig(TraefikDynamicConfig.GENERATED, routers, services,
                List.of(new TraefikServersTransport(TRANSPORT, "", false, List.of(ROOT_CA), domainAt)), List.of(),
                findings);
    }

    private static void add(TraefikService s, String scheme, Optional<GuestNetwork> net, String domain,
                            List<TraefikRouter> routers, List<TraefikHttpService> services, List<Finding> findings) {
        String ip = net.map(GuestNetwork::ip).orElse("");
        String address = ip.contains("/") ? ip.substring(0, ip.indexOf('/')) : ip;
        String port = s.port().isPresent() ? Integer.toString(s.port().getAsInt()) : "null";
        String url = scheme + "://" + address + ":" + port;
        Location at = s.location();
        routers.add(new TraefikRouter(s.name() + "-router", "Host(`" + s.name() + "." + domain + "`)",
                List.of(ENTRY_POINT), s.name() + "-service", List.of(), false, "", at));
        boolean usable = net.flatMap(GuestNetwork::address).isPresent() && s.port().isPresent()
                && s.port().getAsInt() >= 1 && s.port().getAsInt() <= 65535;
        if (!usable) {
            findings.add(Finding.builder(GENERATOR_CHECK, Severity.WARNING)
                    .title("Traefik generator would write an unusable server URL")
                    .message(at + ": traefik_service \"" + s.name() + "\" gives the server URL \"" + url
                            + "\" (the guest has no static address or the service no port from 1 to 65535); Traefik cannot reach it.")
                    .subject(s.name()).location(at)
                    .remediation("Give the guest a static network_config.ip and the service a port.").build());
        }
        services.add(new TraefikHttpService(s.name() + "-service", List.of(new TraefikHttpService.Server(url,
                usable ? scheme : "", usable ? address : "", usable ? s.port().getAsInt() : 0, at)),
                scheme.equals("https") ? TRANSPORT + "@file" : "", true, at));
    }

    /**
     * The YAML text the deployment's script writes for this configuration, byte for byte (its routers,
     * services and the appended {@code serversTransports} section).
     *
     * @param generated a configuration from {@link #generate(Deployment)}
     * @return the text, ending with a newline
     */
    public static String script(TraefikDynamicConfig generated) {
        StringBuilder sb = new StringBuilder("http:\n  routers:\n");
        for (TraefikRouter r : generated.routers()) {
            sb.append("    ").append(r.name()).append(":\n      rule: \"").append(r.rule()).append("\"\n")
                    .append("      service: \"").append(r.service()).append("\"\n      entryPoints:\n        - ")
                    .append(ENTRY_POINT).append('\n');
        }
        sb.append("\n  services:\n");
        for (TraefikHttpService s : generated.services()) {
            sb.append("    ").append(s.name()).append(":\n      loadBalancer:\n        servers:\n          - url: \"")
                    .append(s.servers().get(0).url()).append("\"\n        passHostHeader: true");
            if (!s.serversTransport().isEmpty()) {
                sb.append("\n        serversTransport: \"").append(s.serversTransport()).append('"');
            }
            sb.append('\n');
        }
        sb.append("\n  serversTransports:\n    ").append(TRANSPORT).append(":\n      insecureSkipVerify: false\n")
                .append("      rootCAs:\n        - ").append(ROOT_CA).append('\n');
        return sb.toString();
    }
}
