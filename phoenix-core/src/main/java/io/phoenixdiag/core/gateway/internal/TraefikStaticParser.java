package io.phoenixdiag.core.gateway.internal;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.gateway.TraefikCertificateResolver;
import io.phoenixdiag.core.gateway.TraefikEntryPoint;
import io.phoenixdiag.core.gateway.TraefikProviders;
import io.phoenixdiag.core.gateway.TraefikStaticConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Traefik's static configuration from YAML into {@link TraefikStaticConfig}. Keys follow the Traefik v2/v3
 * static configuration reference. Not thread-safe per instance; the static entry points are thread-safe.
 */
public final class TraefikStaticParser {

    /** Top-level keys of the static configuration (Traefik v2 and v3 reference, lower-cased). */
    private static final Set<String> STATIC_KEYS = Set.of("global", "serverstransport", "tcpserverstransport",
            "entrypoints", "providers", "api", "metrics", "ping", "log", "accesslog", "tracing", "hostresolver",
            "certificatesresolvers", "experimental", "core", "spiffe", "ocsp", "pilot");
    /** Top-level keys of the dynamic configuration, which do not belong in the static file. */
    private static final Set<String> DYNAMIC_KEYS = Set.of("http", "tcp", "udp", "tls");

    private final String file;
    private final List<Finding> findings = new ArrayList<>();

    private TraefikStaticParser(String file) {
        this.file = file;
    }

    /**
     * Parses YAML text.
     *
     * @param fileName the file label
     * @param yaml the text
     * @return the configuration
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code fileName} is empty
     */
    public static TraefikStaticConfig parse(String fileName, String yaml) {
        return TraefikYaml.parse(fileName, yaml, TraefikStaticParser::build);
    }

    /**
     * Reads a file.
     *
     * @param file the file
     * @return the configuration
     * @throws NullPointerException if {@code file} is null
     */
    public static TraefikStaticConfig load(Path file) {
        return TraefikYaml.load(file, TraefikStaticParser::build, "Traefik static configuration");
    }

    private static TraefikStaticConfig build(String file, List<Finding> findings, YamlTree root) {
        TraefikStaticParser p = new TraefikStaticParser(file);
        p.findings.addAll(findings);
        return p.build(root);
    }

    private TraefikStaticConfig build(YamlTree root) {
        if (root == null) {
            return new TraefikStaticConfig(List.of(), TraefikProviders.NONE, Optional.empty(), Optional.empty(),
                    List.of(), Optional.empty(), findings);
        }
        if (root.kind() != YamlTree.Kind.MAPPING) {
            finding(TraefikStaticConfig.STATIC_CHECK, Severity.ERROR, "Traefik static configuration is not a mapping",
                    "The document's top level is a " + root.kind().name().toLowerCase(Locale.ROOT)
                            + "; expected a mapping of sections such as entryPoints and providers.", root.location(), "");
            return build(null);
        }
        topLevel(root);
        List<TraefikEntryPoint> eps = new ArrayList<>();
        root.get("entryPoints").ifPresent(n -> n.mapping().forEach((name, ep) -> eps.add(entryPoint(name, ep))));
        TraefikProviders providers = root.get("providers").map(this::providers).orElse(TraefikProviders.NONE);
        Optional<TraefikStaticConfig.Api> api = root.get("api").map(n -> new TraefikStaticConfig.Api(
                bool(n, "dashboard", true), bool(n, "insecure", false), n.location()));
        Optional<TraefikStaticConfig.Ping> ping = root.get("ping").map(n -> new TraefikStaticConfig.Ping(
                n.text("entryPoint").isEmpty() ? "traefik" : n.text("entryPoint"), n.location()));
        List<TraefikCertificateResolver> resolvers = new ArrayList<>();
        root.get("certificatesResolvers").ifPresent(n -> n.mapping().forEach((name, r) -> resolvers.add(resolver(name, r))));
        Optional<TraefikStaticConfig.ServersTransport> st = root.get("serversTransport").map(n ->
                new TraefikStaticConfig.ServersTransport(bool(n, "insecureSkipVerify", false), strings(n, "rootCAs"),
                        n.location()));
        return new TraefikStaticConfig(eps, providers, api, ping, resolvers, st, findings);
    }

    private void topLevel(YamlTree root) {
        for (Map.Entry<String, YamlTree> e : root.mapping().entrySet()) {
            String k = e.getKey().toLowerCase(Locale.ROOT);
            Location at = Shown.at(e.getValue().location());
            if (DYNAMIC_KEYS.contains(k)) {
                finding(TraefikStaticConfig.STATIC_CHECK, Severity.ERROR,
                        "Dynamic configuration in Traefik's static file",
                        at + ": \"" + e.getKey() + "\" is dynamic configuration (routers, services, middlewares, TLS"
                                + " options); the static configuration has no such section, so Traefik's strict"
                                + " decoder refuses the file (\"field not found, node: " + e.getKey() + "\") and"
                                + " nothing in it takes effect.", at,
                        "Move the \"" + e.getKey() + "\" section into a file read by the file provider.");
            } else if (!STATIC_KEYS.contains(k)) {
                finding(TraefikStaticConfig.STATIC_CHECK, Severity.ERROR, "Unknown key in Traefik's static file",
                        at + ": " + Shown.key(e.getKey()) + " is not a static configuration section; Traefik refuses"
                                + " the file (\"field not found, node: " + (Shown.isName(e.getKey()) ? e.getKey()
                                : "...") + "\").", at, "Check the spelling and indentation of " + Shown.key(e.getKey())
                                + ".");
            }
        }
    }

    private TraefikEntryPoint entryPoint(String name, YamlTree n) {
        String address = n.text("address");
        String rest = address;
        String transport = "tcp";
        int slash = rest.lastIndexOf('/');
        if (slash >= 0) {
            transport = rest.substring(slash + 1).toLowerCase(Locale.ROOT);
            rest = rest.substring(0, slash);
        }
        int colon = rest.lastIndexOf(':');
        String host = colon < 0 ? rest : rest.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String portText = colon < 0 ? "" : rest.substring(colon + 1);
        int port = 0;
        if (portText.matches("[0-9]{1,5}") && Integer.parseInt(portText) >= 1 && Integer.parseInt(portText) <= 65535
                && (transport.equals("tcp") || transport.equals("udp"))) {
            port = Integer.parseInt(portText);
        } else {
            Location at = n.get("address").map(YamlTree::location).orElse(n.location());
            finding(TraefikStaticConfig.VALUE_CHECK, Severity.ERROR, "Invalid Traefik entry point address",
                    at + ": entry point \"" + name + "\" has address \"" + address
                            + "\"; expected [host]:port[/tcp|/udp] with a port from 1 to 65535.", at,
                    "Write the address as \":<port>\" or \"<ip>:<port>\".");
        }
        Optional<YamlTree> redirect = n.get("http").flatMap(h -> h.get("redirections")).flatMap(r -> r.get("entryPoint"));
        String to = redirect.map(r -> r.text("to")).orElse("");
        String scheme = redirect.map(r -> r.text("scheme").isEmpty() ? "https" : r.text("scheme")).orElse("");
        Optional<YamlTree> tls = n.get("http").flatMap(h -> h.get("tls"));
        return new TraefikEntryPoint(name, address, host, port, transport, to, scheme,
                tls.map(t -> t.text("certResolver")).orElse(""), tls.isPresent(), n.location());
    }

    private TraefikProviders providers(YamlTree n) {
        Optional<TraefikProviders.File> file = n.get("file").map(f -> {
            String dir = f.text("directory");
            String name = f.text("filename");
            if (!dir.isEmpty() && !name.isEmpty()) {
                finding(TraefikStaticConfig.STATIC_CHECK, Severity.WARNING,
                        "Traefik file provider has both directory and filename",
                        f.location() + ": providers.file sets directory \"" + dir + "\" and filename \"" + name
                                + "\", which are mutually exclusive; Traefik reads the directory and ignores the"
                                + " filename.", f.location(),
                        "Keep only directory (and put the file in it), or only filename.");
            } else if (dir.isEmpty() && name.isEmpty()) {
                finding(TraefikStaticConfig.STATIC_CHECK, Severity.ERROR, "Traefik file provider has no source",
                        f.location() + ": providers.file sets neither directory nor filename; Traefik reports"
                                + " \"neither filename nor directory is defined\" and loads nothing.", f.location(),
                        "Set providers.file.directory.");
            }
            return new TraefikProviders.File(dir, name, bool(f, "watch", true), f.location());
        });
        Optional<TraefikProviders.Docker> docker = n.get("docker").map(d -> docker("docker", d))
                .or(() -> n.get("swarm").map(d -> docker("swarm", d)));
        List<String> others = n.mapping().keySet().stream().filter(k -> !Set.of("file", "docker", "swarm")
                .contains(k.toLowerCase(Locale.ROOT))).toList();
        return new TraefikProviders(file, docker, others);
    }

    private TraefikProviders.Docker docker(String kind, YamlTree d) {
        String endpoint = d.text("endpoint").isEmpty() ? "unix:///var/run/docker.sock" : d.text("endpoint");
        return new TraefikProviders.Docker(kind, endpoint, bool(d, "exposedByDefault", true), d.text("network"),
                d.text("defaultRule"), d.location());
    }

    private TraefikCertificateResolver resolver(String name, YamlTree n) {
        YamlTree acme = n.get("acme").orElse(n);
        String ca = acme.text("caServer");
        String challenge = "";
        String challengeEp = "";
        if (acme.get("httpChallenge").isPresent()) {
            challenge = "http";
            challengeEp = acme.text("httpChallenge", "entryPoint");
        } else if (acme.get("tlsChallenge").isPresent()) {
            challenge = "tls";
        } else if (acme.get("dnsChallenge").isPresent()) {
            challenge = "dns";
        }
        return new TraefikCertificateResolver(name, ca.isEmpty() ? TraefikCertificateResolver.LETS_ENCRYPT : ca,
                !ca.isEmpty(), acme.text("email"), acme.text("storage"), challenge, challengeEp,
                acme.text("dnsChallenge", "provider"), strings(acme, "caCertificates"), n.location());
    }

    private List<String> strings(YamlTree n, String key) {
        return TraefikYaml.strings(n, key);
    }

    private boolean bool(YamlTree n, String key, boolean dflt) {
        return TraefikYaml.bool(n, key, dflt, findings);
    }

    private void finding(String check, Severity severity, String title, String message, Location at,
                         String remediation) {
        findings.add(Finding.builder(check, severity).title(title).message(message).subject(file).location(at)
                .remediation(remediation).build());
    }
}
