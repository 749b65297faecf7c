package io.phoenixdiag.core.crosslayer;

import io.phoenixdiag.core.config.CertificateEntry;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.gateway.NginxGateway;
import io.phoenixdiag.core.gateway.NginxListen;
import io.phoenixdiag.core.gateway.NginxLocation;
import io.phoenixdiag.core.gateway.NginxProxySsl;
import io.phoenixdiag.core.gateway.NginxServer;
import io.phoenixdiag.core.gateway.NginxValue;
import io.phoenixdiag.core.gateway.TraefikServersTransport;
import io.phoenixdiag.core.topology.Endpoint;
import io.phoenixdiag.core.topology.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The TLS material the gateway and Traefik are configured with agrees with the certificate manifest and the
 * Step-CA: certificate paths map (through the guests' mount points) to manifest entries, the manifest's SANs
 * cover the gateway's {@code server_name}s (RFC 9525 wildcard rules: a wildcard name needs a wildcard SAN),
 * trust anchors point at the root the CA exports ({@code /etc/step-ca/ssl/phoenix_root_ca.crt} in the CA
 * guest), and nginx's upstream verification can succeed with the CA's chain.
 *
 * <p>Findings, each with both locations: {@value #NOT_IN_MANIFEST} ERROR (an {@code ssl_certificate} or
 * {@code ssl_certificate_key} no manifest entry renews, or not on a mounted path); {@value #SAN} ERROR;
 * {@value #TRUST_ANCHOR} ERROR ({@code proxy_ssl_trusted_certificate} or Traefik {@code rootCAs} elsewhere than
 * the exported root); {@value #PROXY_VERIFY} WARNING ({@code proxy_ssl_verify off}, nginx's default, while
 * proxying over https: the trusted certificate has no effect and any upstream certificate is accepted);
 * {@value #VERIFY_DEPTH} ERROR ({@code proxy_ssl_verify_depth} below the number of intermediates: depth 1, the
 * default, accepts root -&gt; intermediate -&gt; leaf; nginx docs, {@code proxy_ssl_verify_depth});
 * {@value #SKIP_VERIFY} WARNING (a Traefik transport with {@code insecureSkipVerify: true}). Stateless and
 * thread-safe.
 */
public final class GatewayTlsCheck extends CrossLayerCheck {

    /** Finding id: a certificate or key path no manifest entry covers. */
    public static final String NOT_IN_MANIFEST = "gateway.tls.not-in-manifest";
    /** Finding id: a served name no manifest SAN covers. */
    public static final String SAN = "gateway.tls.san";
    /** Finding id: a trust anchor that is not the exported Step-CA root. */
    public static final String TRUST_ANCHOR = "gateway.tls.trust-anchor";
    /** Finding id: upstream certificates are not verified. */
    public static final String PROXY_VERIFY = "gateway.tls.proxy-verify";
    /** Finding id: the verify depth is too small for the CA chain. */
    public static final String VERIFY_DEPTH = "gateway.tls.verify-depth";
    /** Finding id: a Traefik transport skips verification. */
    public static final String SKIP_VERIFY = "gateway.tls.insecure-skip-verify";

    /** Creates the check (for {@link java.util.ServiceLoader}). */
    public GatewayTlsCheck() {
    }

    @Override
    public String id() {
        return "gateway.tls";
    }

    @Override
    public String description() {
        return "Gateway and Traefik TLS material against the certificate manifest and the Step-CA root";
    }

    @Override
    List<Finding> run(Facts f) {
        List<Finding> out = new ArrayList<>();
        Optional<Endpoint> gw = f.first(Role.GATEWAY);
        for (NginxGateway site : f.configs.nginxSites()) {
            for (NginxServer server : site.servers()) {
                List<CertificateEntry> served = new ArrayList<>();
                if (gw.isPresent()) {
                    for (NginxValue v : server.sslCertificates()) {
                        covered(f, gw.get(), v, "ssl_certificate", true, out).ifPresent(served::add);
                    }
                    for (NginxValue v : server.sslCertificateKeys()) {
                        covered(f, gw.get(), v, "ssl_certificate_key", false, out);
                    }
                    sans(f, gw.get(), server, served, out);
                }
                proxySsl(f, gw, server, out);
            }
        }
        Optional<Endpoint> router = f.first(Role.ROUTER);
        List<TraefikServersTransport> transports = new ArrayList<>(f.dynamic.serversTransports());
        for (TraefikServersTransport t : transports) {
            if (t.insecureSkipVerify()) {
                out.add(both(SKIP_VERIFY, Severity.WARNING, "Traefik servers transport " + t.name()
                                + " does not verify backend certificates",
                        t.location() + ": insecureSkipVerify is true, so any certificate (or an attacker's) is accepted"
                                + " from the backends that use it.", "Remove insecureSkipVerify and trust the Step-CA root.",
                        "serversTransport " + t.name(), t.location(), "the Step-CA root export",
                        f.exportedRoot().map(Map.Entry::getValue).orElse(t.location()), t.name()));
            }
            if (router.isPresent()) {
                for (String root : t.rootCAs()) {
                    anchor(f, router.get(), root, "rootCAs of serversTransport " + t.name(), t.location(), out);
                }
            }
        }
        f.configs.traefikStatic().flatMap(s -> s.serversTransport()).ifPresent(t -> router.ifPresent(r ->
                t.rootCAs().forEach(root -> anchor(f, r, root, "static serversTransport.rootCAs", t.location(), out))));
        return out;
    }

    private static Optional<CertificateEntry> covered(Facts f, Endpoint gw, NginxValue v, String directive,
                                                      boolean cert, List<Finding> out) {
        if (v.value().contains("$")) {
            return Optional.empty();
        }
        Optional<String> host = f.hostPath(gw, v.value());
        String what = directive + " " + v.value();
        List<String> mine = new ArrayList<>();
        for (CertificateEntry c : f.manifest()) {
            String p = cert ? c.certPath() : c.keyPath();
            if (host.isPresent() && host.get().equals(p)) {
                return Optional.of(c);
            }
            f.guestPath(gw, p).ifPresent(mine::add);
        }
        String why = host.isEmpty()
                ? v.value() + " is on no mount point of " + f.label(gw) + ", so the host's certificate renewal cannot"
                        + " put it there"
                : v.value() + " is " + host.get() + " on the host, which no certificate-manifest entry's "
                        + (cert ? "cert_path" : "key_path") + " names, so nothing issues or renews it (it expires, or"
                        + " is missing and nginx refuses to start)";
        out.add(both(NOT_IN_MANIFEST, Severity.ERROR, "The gateway's " + directive + " is not covered by the"
                        + " certificate manifest",
                v.location() + ": " + what + ": " + why + "."
                        + (mine.isEmpty() ? "" : " The manifest renews " + mine + " into this guest instead."),
                "Point " + directive + " at the manifest's file" + (mine.isEmpty() ? "" : " (" + mine.get(0) + ")")
                        + ", or add a manifest entry for " + host.orElse(v.value()) + ".",
                what, v.location(), host.isEmpty() ? "mount points of " + f.label(gw) : "certificate manifest",
                host.isEmpty() ? f.declared(gw) : f.manifestAt(), gw.subject(), v.value()));
        return Optional.empty();
    }

    private static void sans(Facts f, Endpoint gw, NginxServer server, List<CertificateEntry> served,
                             List<Finding> out) {
        if (server.listens().stream().noneMatch(NginxListen::ssl)) {
            return;
        }
        List<CertificateEntry> candidates = new ArrayList<>(served);
        if (candidates.isEmpty()) {
            f.manifest().stream().filter(c -> f.owner(c).equals(Optional.of(gw))).forEach(candidates::add);
        }
        for (String name : server.serverNames()) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.isEmpty() || n.equals("_") || n.startsWith("~")) {
                continue;
            }
            boolean ok = candidates.stream().anyMatch(c -> names(c).stream().anyMatch(s -> covers(s, n)));
            if (!ok) {
                List<String> have = candidates.stream().flatMap(c -> names(c).stream()).distinct().toList();
                Location other = candidates.isEmpty() ? f.manifestAt() : candidates.get(0).location();
                out.add(both(SAN, Severity.ERROR, "The gateway serves " + name + ", which no manifest certificate names",
                        server.location() + ": server_name " + name + " is served with TLS, but the certificate-manifest"
                                + " entries for " + f.label(gw) + " name only " + have + "; clients get a name"
                                + " mismatch (RFC 9525: a wildcard reference needs a matching wildcard SAN).",
                        "Add " + name + " to the SANs of the gateway's manifest entry, or serve only the names it has.",
                        "server_name " + name, server.location(), candidates.isEmpty() ? "certificate manifest"
                                : "manifest entry " + candidates.get(0).commonName(), other, gw.subject(), name));
            }
        }
    }

    private static List<String> names(CertificateEntry c) {
        List<String> n = new ArrayList<>(c.sans());
        if (!c.commonName().isEmpty() && !n.contains(c.commonName())) {
            n.add(0, c.commonName());
        }
        return n;
    }

    /** Whether a SAN covers a served name (RFC 9525 section 6.3: the wildcard is the whole left-most label). */
    static boolean covers(String san, String name) {
        String s = san.toLowerCase(Locale.ROOT);
        if (s.equals(name)) {
            return true;
        }
        if (s.startsWith("*.") && !name.startsWith("*.")) {
            int dot = name.indexOf('.');
            return dot > 0 && name.substring(dot).equals(s.substring(1));
        }
        return false;
    }

    private static void proxySsl(Facts f, Optional<Endpoint> gw, NginxServer server, List<Finding> out) {
        boolean warned = false;
        boolean anchored = false;
        for (NginxLocation loc : server.locations()) {
            boolean https = loc.proxyPass().flatMap(p -> p.target()).map(t -> t.scheme().equals("https")).orElse(false);
            NginxProxySsl ps = loc.proxySsl();
            Location pp = loc.proxyPass().map(p -> p.location()).orElse(loc.location());
            Location trustedAt = setBy(ps, "proxy_ssl_trusted_certificate").orElse(server.location());
            if (gw.isPresent() && !ps.trustedCertificate().isEmpty() && !anchored) {
                anchored = true;
                anchor(f, gw.get(), ps.trustedCertificate(), "proxy_ssl_trusted_certificate", trustedAt, out);
            }
            if (!https) {
                continue;
            }
            if (!ps.verify() && !warned) {
                warned = true;
                out.add(both(PROXY_VERIFY, Severity.WARNING, "The gateway does not verify the certificate of its https"
                                + " upstream",
                        pp + ": proxy_pass " + loc.proxyPass().get().written() + " goes to "
                                + loc.proxyPass().get().target().get().url() + " over https with proxy_ssl_verify off"
                                + " (nginx's default)" + (ps.trustedCertificate().isEmpty() ? ""
                                : ", so proxy_ssl_trusted_certificate " + ps.trustedCertificate() + " has no effect")
                                + " and any certificate is accepted.",
                        "Add proxy_ssl_verify on (with proxy_ssl_name set to the router's certificate name).",
                        "proxy_pass " + loc.proxyPass().get().written(), pp,
                        ps.trustedCertificate().isEmpty() ? "proxy_ssl settings" : "proxy_ssl_trusted_certificate "
                                + ps.trustedCertificate(), trustedAt, server.location().file()));
            }
            if (ps.verify() && ps.verifyDepth() < f.intermediates()) {
                Location depthAt = setBy(ps, "proxy_ssl_verify_depth").orElse(pp);
                out.add(both(VERIFY_DEPTH, Severity.ERROR, "proxy_ssl_verify_depth " + ps.verifyDepth()
                                + " is too small for the Step-CA chain",
                        depthAt + ": the upstream's chain is root -> " + f.intermediates() + " intermediate(s) -> leaf,"
                                + " but proxy_ssl_verify_depth " + ps.verifyDepth() + " allows fewer; nginx fails the"
                                + " verification (\"upstream SSL certificate verify error: (22:certificate chain too"
                                + " long)\").",
                        "Set proxy_ssl_verify_depth to at least " + f.intermediates() + ".",
                        "proxy_ssl_verify_depth " + ps.verifyDepth(), depthAt, "Step-CA intermediate",
                        f.deployment.hypervisor().flatMap(h -> h.stepCa()).map(s -> s.location()).orElse(pp),
                        server.location().file()));
            }
        }
    }

    private static Optional<Location> setBy(NginxProxySsl ps, String directive) {
        return ps.setBy().stream().filter(v -> v.value().startsWith(directive + " ")).map(NginxValue::location).findFirst();
    }

    private static void anchor(Facts f, Endpoint consumer, String path, String what, Location at, List<Finding> out) {
        Optional<Map.Entry<String, Location>> root = f.exportedRoot();
        if (root.isEmpty()) {
            return;
        }
        Optional<String> host = f.hostPath(consumer, path);
        if (host.isPresent() && host.get().equals(root.get().getKey())) {
            return;
        }
        out.add(both(TRUST_ANCHOR, Severity.ERROR, f.label(consumer) + "'s " + what + " is not the exported Step-CA root",
                at + ": " + what + " is " + path + (host.isEmpty() ? ", which is on no mount point of " + f.label(consumer)
                        : ", " + host.get() + " on the host") + "; the Step-CA exports its root as " + root.get().getKey()
                        + ", so certificates the CA issues are not trusted.",
                "Point " + what + " at the Step-CA root export (mount " + root.get().getKey().replace("/" + Facts.ROOT_FILE, "")
                        + " and use its " + Facts.ROOT_FILE + ").",
                what + " " + path, at, "Step-CA root export " + root.get().getKey(), root.get().getValue(),
                consumer.subject(), path));
    }
}
