package io.phoenixdiag.core.gateway.internal;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.gateway.TraefikDynamicConfig;
import io.phoenixdiag.core.gateway.TraefikHttpService;
import io.phoenixdiag.core.gateway.TraefikLabel;
import io.phoenixdiag.core.gateway.TraefikMiddleware;
import io.phoenixdiag.core.gateway.TraefikRouter;
import io.phoenixdiag.core.gateway.TraefikServersTransport;
import io.phoenixdiag.core.gateway.TraefikStaticConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Traefik's dynamic configuration (YAML file or Docker labels) into {@link TraefikDynamicConfig}, and
 * renders it back. Keys follow the Traefik v2/v3 dynamic configuration reference. Not thread-safe per instance;
 * the static entry points are thread-safe.
 */
public final class TraefikDynamicParser {

    private static final Set<String> ROUTER_KEYS = Set.of("rule", "entrypoints", "service", "middlewares", "tls",
            "priority", "rulesyntax", "observability");
    private static final Set<String> LB_KEYS = Set.of("servers", "serverstransport", "passhostheader", "healthcheck",
            "sticky", "responseforwarding", "strategy");
    private static final Set<String> SERVICE_KINDS = Set.of("loadbalancer", "weighted", "mirroring", "failover");
    private static final Set<String> TRANSPORT_KEYS = Set.of("servername", "insecureskipverify", "rootcas",
            "certificates", "maxidleconnsperhost", "forwardingtimeouts", "disablehttp2", "peercerturi", "spiffe");

    private final String file;
    private final List<Finding> findings = new ArrayList<>();

    private TraefikDynamicParser(String file) {
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
    public static TraefikDynamicConfig parse(String fileName, String yaml) {
        return TraefikYaml.parse(fileName, yaml, TraefikDynamicParser::build);
    }

    /**
     * Reads a file.
     *
     * @param file the file
     * @return the configuration
     * @throws NullPointerException if {@code file} is null
     */
    public static TraefikDynamicConfig load(Path file) {
        return TraefikYaml.load(file, TraefikDynamicParser::build, "Traefik dynamic configuration");
    }

    private static TraefikDynamicConfig build(String file, List<Finding> findings, YamlTree root) {
        TraefikDynamicParser p = new TraefikDynamicParser(file);
        p.findings.addAll(findings);
        return p.build(root);
    }

    private TraefikDynamicConfig build(YamlTree root) {
        List<TraefikRouter> routers = new ArrayList<>();
        List<TraefikHttpService> services = new ArrayList<>();
        List<TraefikServersTransport> transports = new ArrayList<>();
        List<TraefikMiddleware> middlewares = new ArrayList<>();
        if (root != null && root.kind() == YamlTree.Kind.MAPPING) {
            for (Map.Entry<String, YamlTree> top : root.mapping().entrySet()) {
                String k = top.getKey().toLowerCase(Locale.ROOT);
                if (!k.equals("http")) {
                    unknown(top.getKey(), top.getValue(), k.equals("tcp") || k.equals("udp") || k.equals("tls")
                            ? "is not modelled (only the http section is)" : "is not a dynamic configuration section");
                    continue;
                }
                for (Map.Entry<String, YamlTree> sec : top.getValue().mapping().entrySet()) {
                    YamlTree n = sec.getValue();
                    switch (sec.getKey().toLowerCase(Locale.ROOT)) {
                        case "routers" -> n.mapping().forEach((name, r) -> routers.add(router(name, r)));
                        case "services" -> n.mapping().forEach((name, s) -> services.add(service(name, s)));
                        case "serverstransports" -> n.mapping().forEach((name, t) -> transports.add(transport(name, t)));
                        case "middlewares" -> n.mapping().forEach((name, m) -> middlewares.add(new TraefikMiddleware(
                                name, m.mapping().keySet().stream().findFirst().orElse(""), m.location())));
                        default -> unknown(sec.getKey(), n, "is not a section of http");
                    }
                }
            }
        } else if (root != null) {
            finding(TraefikStaticConfig.VALUE_CHECK, Severity.ERROR, "Traefik dynamic configuration is not a mapping",
                    root.location() + ": the document is a " + root.kind().name().toLowerCase(Locale.ROOT)
                            + "; expected a mapping with an http section.", root.location(),
                    "Start the file with \"http:\".");
        }
        return new TraefikDynamicConfig(TraefikDynamicConfig.FILE, routers, services, transports, middlewares, findings);
    }

    private TraefikRouter router(String name, YamlTree n) {
        known(n, ROUTER_KEYS, "router " + Shown.key(name));
        Optional<YamlTree> tls = n.get("tls");
        return new TraefikRouter(name, n.text("rule"), strings(n, "entryPoints"), n.text("service"),
                strings(n, "middlewares"), tls.isPresent(), tls.map(t -> t.text("certResolver")).orElse(""),
                n.location());
    }

    private TraefikHttpService service(String name, YamlTree n) {
        Optional<YamlTree> lb = n.get("loadBalancer");
        for (Map.Entry<String, YamlTree> e : n.mapping().entrySet()) {
            if (!SERVICE_KINDS.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                unknown(e.getKey(), e.getValue(), "is not a kind of service " + Shown.key(name));
            }
        }
        if (lb.isEmpty()) {
            return new TraefikHttpService(name, List.of(), "", true, n.location());
        }
        YamlTree l = lb.get();
        known(l, LB_KEYS, "loadBalancer of service " + Shown.key(name));
        List<TraefikHttpService.Server> servers = new ArrayList<>();
        l.get("servers").ifPresent(s -> s.sequence().forEach(item -> servers.add(server(item.text("url"),
                item.get("url").map(YamlTree::location).orElse(item.location())))));
        return new TraefikHttpService(name, servers, l.text("serversTransport"), bool(l, "passHostHeader", true),
                n.location());
    }

    private TraefikHttpService.Server server(String url, Location at) {
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            String host = u.getHost() == null ? "" : u.getHost();
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if ((scheme.equals("http") || scheme.equals("https")) && !host.isEmpty()
                    && (u.getPort() == -1 || u.getPort() >= 1 && u.getPort() <= 65535)) {
                int port = u.getPort() > 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
                return new TraefikHttpService.Server(url, scheme, host, port, at);
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        finding(TraefikStaticConfig.VALUE_CHECK, Severity.ERROR, "Invalid Traefik server URL",
                at + ": server url \"" + url + "\" is not an absolute http:// or https:// URL with a host"
                        + " and a port from 1 to 65535.", at,
                "Write the server as \"http://<address>:<port>\" or \"https://<address>:<port>\".");
        return new TraefikHttpService.Server(url, "", "", 0, at);
    }

    private TraefikServersTransport transport(String name, YamlTree n) {
        known(n, TRANSPORT_KEYS, "serversTransport " + Shown.key(name));
        return new TraefikServersTransport(name, n.text("serverName"), bool(n, "insecureSkipVerify", false),
                strings(n, "rootCAs"), n.location());
    }

    private void known(YamlTree n, Set<String> keys, String what) {
        for (Map.Entry<String, YamlTree> e : n.mapping().entrySet()) {
            if (!keys.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                unknown(e.getKey(), e.getValue(), "is not a key of " + what);
            }
        }
    }

    private void unknown(String key, YamlTree n, String why) {
        Location at = Shown.at(n.location());
        finding(TraefikDynamicConfig.UNKNOWN_CHECK, Severity.WARNING, "Unknown key in Traefik dynamic configuration",
                at + ": " + Shown.key(key) + " " + why + "; it is kept out of the model and not checked.", at,
                Shown.isName(key) ? "Check the spelling and indentation of \"" + key + "\"."
                        : "Check that the file is Traefik dynamic configuration (YAML); it may be another file.");
    }

    private List<String> strings(YamlTree n, String key) {
        return TraefikYaml.strings(n, key);
    }

    private boolean bool(YamlTree n, String key, boolean dflt) {
        return TraefikYaml.bool(n, key, dflt, findings);
    }

    private void finding(String check, Severity severity, String title, String message, Location at,
                         String remediation) {
        findings.add(Finding.builder(check, severity).title(title).message(message).subject(at.file()).location(at)
                .remediation(remediation).build());
    }

    // ---- Docker labels ----

    /**
     * Reads one container's labels.
     *
     * @param labels the labels
     * @return the configuration
     * @throws NullPointerException if {@code labels} or an element is null
     */
    public static TraefikDynamicConfig fromLabels(List<TraefikLabel> labels) {
        List<TraefikLabel> all = List.copyOf(labels);
        TraefikDynamicParser p = new TraefikDynamicParser(all.isEmpty() ? "labels" : all.get(0).location().file());
        return p.labels(all);
    }

    private static final class RouterAcc {
        String rule = "";
        List<String> entryPoints = List.of();
        String service = "";
        List<String> middlewares = List.of();
        boolean tls;
        String certResolver = "";
        Location at;
    }

    private static final class ServiceAcc {
        String scheme = "http";
        int port;
        String url = "";
        String transport = "";
        boolean passHost = true;
        Location at;
    }

    private TraefikDynamicConfig labels(List<TraefikLabel> labels) {
        Map<String, RouterAcc> routers = new LinkedHashMap<>();
        Map<String, ServiceAcc> services = new LinkedHashMap<>();
        Map<String, TraefikMiddleware> middlewares = new LinkedHashMap<>();
        for (TraefikLabel label : labels) {
            int eq = label.text().indexOf('=');
            String key = (eq < 0 ? label.text() : label.text().substring(0, eq)).strip();
            String value = eq < 0 ? "" : label.text().substring(eq + 1).strip();
            String lk = key.toLowerCase(Locale.ROOT);
            Location at = label.location();
            if (!lk.startsWith("traefik.")) {
                continue;
            }
            if (lk.equals("traefik.enable")) {
                if (value.equalsIgnoreCase("false")) {
                    return new TraefikDynamicConfig(TraefikDynamicConfig.DOCKER, List.of(), List.of(), List.of(),
                            List.of(), findings);
                }
                continue;
            }
            String[] parts = key.split("\\.", 5);
            String kind = parts.length > 2 ? parts[1].toLowerCase(Locale.ROOT) + "." + parts[2].toLowerCase(Locale.ROOT) : "";
            if (parts.length == 5 && kind.equals("http.routers")) {
                RouterAcc r = routers.computeIfAbsent(parts[3], x -> new RouterAcc());
                r.at = r.at == null ? at : r.at;
                switch (parts[4].toLowerCase(Locale.ROOT)) {
                    case "rule" -> r.rule = value;
                    case "entrypoints" -> r.entryPoints = split(value);
                    case "service" -> r.service = value;
                    case "middlewares" -> r.middlewares = split(value);
                    case "tls" -> r.tls = r.tls || value.equalsIgnoreCase("true");
                    case "tls.certresolver" -> {
                        r.tls = true;
                        r.certResolver = value;
                    }
                    case "priority", "tls.options", "rulesyntax" -> {
                    }
                    default -> {
                        if (!parts[4].toLowerCase(Locale.ROOT).startsWith("tls.domains")) {
                            unknownLabel(key, at);
                        }
                    }
                }
            } else if (parts.length == 5 && kind.equals("http.services")) {
                ServiceAcc s = services.computeIfAbsent(parts[3], x -> new ServiceAcc());
                s.at = s.at == null ? at : s.at;
                switch (parts[4].toLowerCase(Locale.ROOT)) {
                    case "loadbalancer.server.port" -> {
                        if (value.matches("[0-9]{1,5}") && Integer.parseInt(value) >= 1 && Integer.parseInt(value) <= 65535) {
                            s.port = Integer.parseInt(value);
                        } else {
                            finding(TraefikStaticConfig.VALUE_CHECK, Severity.ERROR, "Invalid Traefik label value",
                                    at + ": \"" + key + "\" is \"" + value + "\"; expected a port from 1 to 65535.", at,
                                    "Write the container port the service listens on.");
                        }
                    }
                    case "loadbalancer.server.scheme" -> s.scheme = value.toLowerCase(Locale.ROOT);
                    case "loadbalancer.server.url" -> s.url = value;
                    case "loadbalancer.serverstransport" -> s.transport = value;
                    case "loadbalancer.passhostheader" -> s.passHost = !value.equalsIgnoreCase("false");
                    default -> {
                        String p4 = parts[4].toLowerCase(Locale.ROOT);
                        if (!p4.startsWith("loadbalancer.healthcheck") && !p4.startsWith("loadbalancer.sticky")
                                && !p4.startsWith("loadbalancer.responseforwarding")) {
                            unknownLabel(key, at);
                        }
                    }
                }
            } else if (parts.length >= 5 && kind.equals("http.middlewares")) {
                middlewares.putIfAbsent(parts[3], new TraefikMiddleware(parts[3], parts[4].split("\\.")[0], at));
            } else if (lk.startsWith("traefik.docker.") || lk.startsWith("traefik.swarm.") || lk.startsWith("traefik.tcp.")
                    || lk.startsWith("traefik.udp.")) {
                continue;
            } else {
                unknownLabel(key, at);
            }
        }
        List<TraefikHttpService> svc = new ArrayList<>();
        services.forEach((name, s) -> {
            List<TraefikHttpService.Server> servers = !s.url.isEmpty() ? List.of(server(s.url, s.at))
                    : List.of(new TraefikHttpService.Server("", s.scheme, "", s.port, s.at));
            svc.add(new TraefikHttpService(name, servers, s.transport, s.passHost, s.at));
        });
        List<TraefikRouter> rs = new ArrayList<>();
        routers.forEach((name, r) -> rs.add(new TraefikRouter(name, r.rule, r.entryPoints,
                r.service.isEmpty() && svc.size() == 1 ? svc.get(0).name() : r.service, r.middlewares, r.tls,
                r.certResolver, r.at)));
        return new TraefikDynamicConfig(TraefikDynamicConfig.DOCKER, rs, svc, List.of(),
                List.copyOf(middlewares.values()), findings);
    }

    private static List<String> split(String value) {
        return value.isEmpty() ? List.of() : java.util.Arrays.stream(value.split(",")).map(String::strip).toList();
    }

    private void unknownLabel(String key, Location at) {
        finding(TraefikDynamicConfig.LABEL_CHECK, Severity.WARNING, "Unknown Traefik label",
                at + ": label \"" + key + "\" is not Traefik configuration this SDK models; it is kept out of the"
                        + " model and not checked.", at, "Check the label's spelling against the Traefik label reference.");
    }

    // ---- rendering ----

    /**
     * Renders a configuration as YAML.
     *
     * @param c the configuration
     * @return the text
     */
    public static String render(TraefikDynamicConfig c) {
        StringBuilder sb = new StringBuilder("http:\n");
        if (!c.routers().isEmpty()) {
            sb.append("  routers:\n");
            for (TraefikRouter r : c.routers()) {
                sb.append("    ").append(q(r.name())).append(":\n");
                sb.append("      rule: ").append(q(r.rule())).append('\n');
                sb.append("      service: ").append(q(r.service())).append('\n');
                list(sb, "entryPoints", r.entryPoints());
                list(sb, "middlewares", r.middlewares());
                if (r.tls()) {
                    sb.append(r.certResolver().isEmpty() ? "      tls: {}\n"
                            : "      tls:\n        certResolver: " + q(r.certResolver()) + "\n");
                }
            }
        }
        if (!c.services().isEmpty()) {
            sb.append("  services:\n");
            for (TraefikHttpService s : c.services()) {
                sb.append("    ").append(q(s.name())).append(":\n      loadBalancer:\n        servers:");
                List<String> urls = s.servers().stream().map(v -> !v.url().isEmpty() ? v.url()
                        : v.host().isEmpty() ? "" : v.scheme() + "://" + (v.host().contains(":") ? "[" + v.host() + "]"
                        : v.host()) + ":" + v.port()).filter(u -> !u.isEmpty()).toList();
                sb.append(urls.isEmpty() ? " []\n" : "\n");
                urls.forEach(u -> sb.append("          - url: ").append(q(u)).append('\n'));
                sb.append("        passHostHeader: ").append(s.passHostHeader()).append('\n');
                if (!s.serversTransport().isEmpty()) {
                    sb.append("        serversTransport: ").append(q(s.serversTransport())).append('\n');
                }
            }
        }
        if (!c.middlewares().isEmpty()) {
            sb.append("  middlewares:\n");
            for (TraefikMiddleware m : c.middlewares()) {
                sb.append("    ").append(q(m.name())).append(m.type().isEmpty() ? ": {}\n"
                        : ":\n      " + q(m.type()) + ": {}\n");
            }
        }
        if (!c.serversTransports().isEmpty()) {
            sb.append("  serversTransports:\n");
            for (TraefikServersTransport t : c.serversTransports()) {
                sb.append("    ").append(q(t.name())).append(":\n");
                if (!t.serverName().isEmpty()) {
                    sb.append("      serverName: ").append(q(t.serverName())).append('\n');
                }
                sb.append("      insecureSkipVerify: ").append(t.insecureSkipVerify()).append('\n');
                if (!t.rootCAs().isEmpty()) {
                    sb.append("      rootCAs:\n");
                    t.rootCAs().forEach(r -> sb.append("        - ").append(q(r)).append('\n'));
                }
            }
        }
        return sb.toString();
    }

    private static void list(StringBuilder sb, String key, List<String> items) {
        if (!items.isEmpty()) {
            sb.append("      ").append(key).append(":\n");
            items.forEach(i -> sb.append("        - ").append(q(i)).append('\n'));
        }
    }

    /** A YAML double-quoted scalar (JSON string escaping is valid YAML). */
    private static String q(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
