package io.phoenixdiag.core.crosslayer;

import io.phoenixdiag.core.config.CertificateEntry;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.gateway.NginxGateway;
import io.phoenixdiag.core.gateway.NginxListen;
import io.phoenixdiag.core.gateway.NginxLocation;
import io.phoenixdiag.core.gateway.NginxServer;
import io.phoenixdiag.core.gateway.TraefikDynamicConfig;
import io.phoenixdiag.core.gateway.TraefikHttpService;
import io.phoenixdiag.core.gateway.TraefikRouter;
import io.phoenixdiag.core.gateway.TraefikServersTransport;
import io.phoenixdiag.core.gateway.TraefikStaticConfig;
import io.phoenixdiag.core.topology.Endpoint;
import io.phoenixdiag.core.topology.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Traefik's routers and services agree with its static configuration, the Phoenix JSON and the gateway. The
 * dynamic configuration is the file provider's files when given, else what the Phoenix generator writes
 * ({@link io.phoenixdiag.core.gateway.TraefikGenerator}); the stacks' Docker labels are read too.
 *
 * <p>Findings, each with both locations: {@value #ENTRY_POINT} ERROR (a router names an entry point the static
 * configuration lacks: Traefik skips the router, "EntryPoint doesn't exist"); {@value #CERT_RESOLVER} ERROR (a
 * router names an undefined certificate resolver: Traefik logs "the router uses a non-existent resolver" and
 * serves its default certificate); {@value #LABELS_IGNORED} ERROR (labels but no Docker provider: Traefik never
 * reads them); {@value #SERVICE} ERROR (a router's service is not defined); {@value #BACKEND} ERROR (a server is
 * no declared guest) or WARNING (a port the guest does not declare); {@value #SCHEME} ERROR (http to a TLS-only
 * backend: Step-CA, or a gateway port nginx serves with ssl; https to a plain nginx port; for dynamic-configuration
 * files only, since {@code router.scheme-mismatch} reports the generated configuration's); {@value #LOOP} ERROR (a
 * service sends traffic back to the gateway that feeds Traefik); {@value #TRANSPORT} ERROR (an undefined
 * servers transport); {@value #BACKEND_NAME} ERROR (an https server addressed by IP, verified without
 * {@code serverName} against a certificate whose manifest SANs lack that IP). Stateless and thread-safe.
 */
public final class TraefikRoutingCheck extends CrossLayerCheck {

    /** Finding id: a router names an entry point that does not exist. */
    public static final String ENTRY_POINT = "traefik.routing.entry-point";
    /** Finding id: a router names a certificate resolver that is not defined. */
    public static final String CERT_RESOLVER = "traefik.routing.cert-resolver";
    /** Finding id: labels are written but no Docker provider reads them. */
    public static final String LABELS_IGNORED = "traefik.routing.labels-ignored";
    /** Finding id: a router's service is not defined. */
    public static final String SERVICE = "traefik.routing.service";
    /** Finding id: a service's server is not a declared guest and port. */
    public static final String BACKEND = "traefik.routing.backend";
    /** Finding id: a service's scheme does not match what the backend speaks. */
    public static final String SCHEME = "traefik.routing.scheme";
    /** Finding id: a service sends traffic back to the gateway. */
    public static final String LOOP = "traefik.routing.loop";
    /** Finding id: a service names a servers transport that is not defined. */
    public static final String TRANSPORT = "traefik.routing.transport";
    /** Finding id: the backend certificate cannot match the name Traefik verifies. */
    public static final String BACKEND_NAME = "traefik.routing.backend-name";

    /** Creates the check (for {@link java.util.ServiceLoader}). */
    public TraefikRoutingCheck() {
    }

    @Override
    public String id() {
        return "traefik.routing";
    }

    @Override
    public String description() {
        return "Traefik routers and services against its static configuration, the JSON and the gateway";
    }

    @Override
    List<Finding> run(Facts f) {
        List<Finding> out = new ArrayList<>();
        Optional<TraefikStaticConfig> st = Facts.readableStatic(f.configs);
        routers(f, f.dynamic, st, out);
        for (Facts.Labelled l : f.labels) {
            routers(f, l.config(), st, out);
            if (st.isPresent() && st.get().providers().docker().isEmpty() && !l.config().routers().isEmpty()) {
                TraefikRouter r = l.config().routers().get(0);
                Location providers = st.get().providers().file().map(p -> p.location()).orElse(staticAt(st.get()));
                out.add(both(LABELS_IGNORED, Severity.ERROR, "Traefik never reads the labels of " + l.stack() + "/"
                                + l.service() + ": no Docker provider is configured",
                        r.location() + ": stack " + l.stack() + " service " + l.service() + " declares router "
                                + r.name() + " by Docker labels, but Traefik's static configuration has no"
                                + " providers.docker (or swarm); only " + providerNames(st.get())
                                + " is read, so the router does not exist.",
                        "Add providers.docker (pointing at the Docker host that runs the stack), or write the router"
                                + " into the file provider's dynamic configuration.",
                        "label router " + r.name(), r.location(), "Traefik providers", providers, l.stack() + "/" + l.service()));
            }
        }
        services(f, out);
        return out;
    }

    private static String providerNames(TraefikStaticConfig st) {
        List<String> names = new ArrayList<>();
        st.providers().file().ifPresent(x -> names.add("file"));
        names.addAll(st.providers().others());
        return names.isEmpty() ? "no provider" : String.join(", ", names);
    }

    private static Location staticAt(TraefikStaticConfig st) {
        if (!st.entryPoints().isEmpty()) {
            return Location.ofFile(st.entryPoints().get(0).location().file());
        }
        return st.api().map(a -> Location.ofFile(a.location().file())).orElse(Location.ofFile("traefik.yml"));
    }

    private static void routers(Facts f, TraefikDynamicConfig c, Optional<TraefikStaticConfig> st, List<Finding> out) {
        for (TraefikRouter r : c.routers()) {
            String what = c.source().equals(TraefikDynamicConfig.DOCKER) ? "label router " : c.source().equals(
                    TraefikDynamicConfig.GENERATED) ? "generated router " : "router ";
            if (st.isPresent()) {
                for (String ep : r.entryPoints()) {
                    if (st.get().entryPoint(ep).isEmpty()) {
                        out.add(both(ENTRY_POINT, Severity.ERROR, "Router " + r.name() + " uses entry point " + ep
                                        + ", which Traefik does not define",
                                r.location() + ": " + what + r.name() + " listens on entry point " + ep + ", but the static"
                                        + " configuration defines only " + st.get().entryPoints().stream()
                                        .map(e -> e.name()).toList() + "; Traefik skips the router (\"EntryPoint doesn't"
                                        + " exist\") and its service is unreachable.",
                                "Define entry point " + ep + " in the static configuration, or use one of "
                                        + st.get().entryPoints().stream().map(e -> e.name()).toList() + ".",
                                what + r.name(), r.location(), "Traefik entry points", st.get().entryPoints().isEmpty()
                                        ? staticAt(st.get()) : st.get().entryPoints().get(0).location(), r.name()));
                    }
                }
                if (!r.certResolver().isEmpty() && st.get().certificateResolvers().stream()
                        .noneMatch(x -> x.name().equals(r.certResolver()))) {
                    out.add(both(CERT_RESOLVER, Severity.ERROR, "Router " + r.name() + " uses certificate resolver "
                                    + r.certResolver() + ", which Traefik does not define",
                            r.location() + ": " + what + r.name() + " asks resolver " + r.certResolver() + " for its"
                                    + " certificate, but the static configuration defines "
                                    + (st.get().certificateResolvers().isEmpty() ? "no certificatesResolvers"
                                    : "only " + st.get().certificateResolvers().stream().map(x -> x.name()).toList())
                                    + "; Traefik logs \"the router uses a non-existent resolver\" and serves its default"
                                    + " self-signed certificate.",
                            "Define certificatesResolvers." + r.certResolver() + " (ACME against Step-CA), or drop"
                                    + " tls.certresolver.",
                            what + r.name(), r.location(), "Traefik static configuration", staticAt(st.get()), r.name()));
                }
            }
            if (!r.service().isEmpty() && !r.service().endsWith("@internal") && c.service(r.service()).isEmpty()
                    && !c.source().equals(TraefikDynamicConfig.DOCKER)) {
                out.add(both(SERVICE, Severity.ERROR, "Router " + r.name() + " forwards to service " + r.service()
                                + ", which is not defined",
                        r.location() + ": " + what + r.name() + " names service " + r.service() + ", which this"
                                + " configuration does not define; Traefik reports \"the service does not exist\".",
                        "Define the service or correct the name.", what + r.name(), r.location(),
                        "the configuration's services", c.services().isEmpty() ? r.location() : c.services().get(0).location(),
                        r.name()));
            }
        }
    }

    private static void services(Facts f, List<Finding> out) {
        Optional<Endpoint> gw = f.first(Role.GATEWAY);
        for (TraefikHttpService s : f.dynamic.services()) {
            for (TraefikHttpService.Server v : s.servers()) {
                if (v.host().isEmpty()) {
                    continue;
                }
                String what = (f.dynamic.source().equals(TraefikDynamicConfig.GENERATED) ? "generated service " : "service ")
                        + s.name() + " server " + v.url();
                Optional<Facts.Resolved> r = f.resolve(v.host());
                if (r.isEmpty()) {
                    out.add(both(BACKEND, Severity.ERROR, "Traefik service " + s.name() + " points at " + v.host()
                                    + ", which is no guest of the deployment",
                            v.location() + ": " + what + " is not the address or name of a declared guest.",
                            "Point the service at a declared guest's address.", what, v.location(),
                            "the declared guests", f.guestsDeclared(), s.name()));
                    continue;
                }
                Endpoint dest = r.get().endpoint();
                List<Integer> ports = f.servicePorts(dest);
                if (!ports.isEmpty() && !ports.contains(v.port())) {
                    out.add(both(BACKEND, Severity.WARNING, "Traefik service " + s.name() + " uses port " + v.port()
                                    + ", which " + f.label(dest) + " does not declare",
                            v.location() + ": " + what + " goes to " + f.label(dest) + ", which declares ports " + ports + ".",
                            "Use the guest's declared port.", what, v.location(), r.get().reason(), r.get().at(),
                            dest.subject()));
                }
                if (!f.dynamic.source().equals(TraefikDynamicConfig.GENERATED)) { // router.scheme-mismatch covers those
                    scheme(f, s, v, what, dest, r.get(), out);
                }
                if (gw.isPresent() && gw.get().equals(dest)) {
                    loop(f, s, v, what, dest, out);
                }
                if (v.scheme().equals("https")) {
                    transport(f, s, v, what, dest, out);
                }
            }
        }
    }

    private static void scheme(Facts f, TraefikHttpService s, TraefikHttpService.Server v, String what, Endpoint dest,
                               Facts.Resolved r, List<Finding> out) {
        if (v.scheme().equals("http") && f.has(dest, Role.CA)) {
            out.add(both(SCHEME, Severity.ERROR, "Traefik speaks http to Step-CA, which serves HTTPS only",
                    v.location() + ": " + what + " uses http, but " + f.label(dest) + " is the Step-CA (its ca.json"
                            + " address has no plain-HTTP listener); the CA answers \"Client sent an HTTP request to an"
                            + " HTTPS server\" (400).",
                    "Use https://" + v.host() + ":" + v.port() + " with serversTransport internal-ca.", what, v.location(),
                    r.reason(), r.at(), dest.subject(), v.host() + ":" + v.port() + "/tcp"));
            return;
        }
        for (NginxGateway site : gatewaySites(f, dest)) {
            for (NginxServer server : site.servers()) {
                for (NginxListen l : server.listens()) {
                    if (l.port() == v.port() && l.ssl() != v.scheme().equals("https")) {
                        out.add(both(SCHEME, Severity.ERROR, "Traefik speaks " + v.scheme() + " to the gateway's port "
                                        + v.port() + ", which nginx serves " + (l.ssl() ? "with TLS" : "as plain HTTP"),
                                v.location() + ": " + what + " uses " + v.scheme() + ", but nginx listens on " + v.port()
                                        + (l.ssl() ? " with ssl; nginx answers \"400 The plain HTTP request was sent to"
                                        + " HTTPS port\"." : " without ssl; the TLS handshake fails."),
                                "Use " + (l.ssl() ? "https" : "http") + "://" + v.host() + ":" + v.port() + " for the"
                                        + " service.", what, v.location(), "listen " + l.address() + (l.ssl() ? " ssl" : ""),
                                l.location(), dest.subject(), v.host() + ":" + v.port() + "/tcp"));
                        return;
                    }
                }
            }
        }
    }

    private static List<NginxGateway> gatewaySites(Facts f, Endpoint dest) {
        return f.has(dest, Role.GATEWAY) ? f.configs.nginxSites() : List.of();
    }

    private static void loop(Facts f, TraefikHttpService s, TraefikHttpService.Server v, String what, Endpoint dest,
                             List<Finding> out) {
        for (NginxGateway site : f.configs.nginxSites()) {
            for (NginxServer server : site.servers()) {
                if (server.listens().stream().noneMatch(l -> l.port() == v.port())) {
                    continue;
                }
                List<NginxLocation> locs = new ArrayList<>(server.locations());
                locs.sort(java.util.Comparator.comparing(l -> l.path().startsWith("/.well-known/") ? 1 : 0));
                for (NginxLocation loc : locs) {
                    Optional<Facts.Resolved> back = loc.proxyPass().flatMap(p -> p.target())
                            .filter(t -> !t.host().contains("$")).flatMap(t -> f.resolve(t.host()));
                    if (back.isPresent() && f.has(back.get().endpoint(), Role.ROUTER)) {
                        Location pp = loc.proxyPass().get().location();
                        out.add(both(LOOP, Severity.ERROR, "Traefik service " + s.name() + " sends traffic back to the"
                                        + " gateway, which proxies it to Traefik again",
                                v.location() + ": " + what + " goes to the gateway " + f.label(dest) + ", whose location "
                                        + loc.path() + " on port " + v.port() + " proxies to Traefik ("
                                        + f.label(back.get().endpoint()) + "); a request loops until nginx or Traefik"
                                        + " gives up (508/504).",
                                "Remove the gateway's router, or route it to a backend that is not the gateway.",
                                what, v.location(), "proxy_pass " + loc.proxyPass().get().written(), pp,
                                dest.subject(), back.get().endpoint().subject()));
                        return;
                    }
                }
            }
        }
    }

    private static void transport(Facts f, TraefikHttpService s, TraefikHttpService.Server v, String what,
                                  Endpoint dest, List<Finding> out) {
        Optional<TraefikServersTransport> tr = s.serversTransport().isEmpty() ? Optional.empty()
                : f.dynamic.serversTransport(s.serversTransport());
        if (!s.serversTransport().isEmpty() && tr.isEmpty()) {
            out.add(both(TRANSPORT, Severity.ERROR, "Traefik service " + s.name() + " names servers transport "
                            + s.serversTransport() + ", which is not defined",
                    s.location() + ": service " + s.name() + " uses serversTransport " + s.serversTransport()
                            + ", which the dynamic configuration does not define; Traefik refuses the service.",
                    "Define the servers transport or correct its name.", "service " + s.name(), s.location(),
                    "the servers transports", f.dynamic.serversTransports().isEmpty() ? s.location()
                            : f.dynamic.serversTransports().get(0).location(), s.name()));
            return;
        }
        boolean skip = tr.map(TraefikServersTransport::insecureSkipVerify).orElse(false);
        String serverName = tr.map(TraefikServersTransport::serverName).orElse("");
        if (skip || !serverName.isEmpty() || !(v.host().contains(":") || v.host().matches("[0-9.]+"))) {
            return;
        }
        for (CertificateEntry c : f.manifest()) {
            if (!f.owner(c).equals(Optional.of(dest))) {
                continue;
            }
            List<String> names = new ArrayList<>(c.sans());
            if (!names.contains(c.commonName())) {
                names.add(0, c.commonName());
            }
            if (names.stream().noneMatch(n -> n.equalsIgnoreCase(v.host()))) {
                out.add(both(BACKEND_NAME, Severity.ERROR, "Traefik verifies " + f.label(dest) + "'s certificate against "
                                + v.host() + ", which the certificate does not name",
                        v.location() + ": " + what + " is addressed by IP and "
                                + (tr.isPresent() ? "servers transport " + tr.get().name() + " sets no serverName"
                                : "no servers transport sets a serverName") + ", so Traefik verifies the backend"
                                + " certificate against " + v.host() + "; the manifest's certificate for " + f.label(dest)
                                + " names only " + names + " (no IP SAN), so every request fails with \"x509: cannot"
                                + " validate certificate for " + v.host() + " because it doesn't contain any IP SANs\""
                                + " (502).",
                        "Set serverName: " + c.commonName() + " on the servers transport (or use the name in the URL),"
                                + " or add " + v.host() + " as an IP SAN.",
                        what, v.location(), "manifest entry " + c.commonName(), c.location(), dest.subject()));
                return;
            }
        }
    }
}
