package io.phoenixdiag.core.gateway.internal;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.gateway.NginxConfig;
import io.phoenixdiag.core.gateway.NginxDirective;
import io.phoenixdiag.core.gateway.NginxGateway;
import io.phoenixdiag.core.gateway.NginxListen;
import io.phoenixdiag.core.gateway.NginxLocation;
import io.phoenixdiag.core.gateway.NginxMap;
import io.phoenixdiag.core.gateway.NginxProxyPass;
import io.phoenixdiag.core.gateway.NginxProxySsl;
import io.phoenixdiag.core.gateway.NginxProxyTarget;
import io.phoenixdiag.core.gateway.NginxResolver;
import io.phoenixdiag.core.gateway.NginxServer;
import io.phoenixdiag.core.gateway.NginxUpstream;
import io.phoenixdiag.core.gateway.NginxValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds {@link NginxGateway} from parsed directives, applying nginx's inheritance (a directive at an inner
 * level replaces the outer one; array directives such as {@code ssl_certificate} are inherited only when
 * the inner level has none). Not thread-safe per instance; {@link #build(NginxConfig)} is thread-safe.
 */
public final class NginxModelBuilder {

    private static final Set<String> KNOWN = Set.of("listen", "server_name", "root", "alias", "index",
            "try_files", "return", "rewrite", "if", "set", "location", "error_page", "include", "default_type",
            "types", "sendfile", "tcp_nopush", "tcp_nodelay", "keepalive_timeout", "keepalive_requests",
            "server_tokens", "charset", "large_client_header_buffers", "send_timeout", "resolver",
            "resolver_timeout", "allow", "deny", "auth_basic", "auth_basic_user_file", "expires", "etag", "map",
            "upstream", "server", "internal", "satisfy", "underscores_in_headers", "ignore_invalid_headers",
            "absolute_redirect", "port_in_redirect", "server_name_in_redirect", "merge_slashes", "autoindex",
            "http2", "http3", "quic_retry", "zone", "hash", "ip_hash", "least_conn", "random", "keepalive",
            "stub_status", "break", "chunked_transfer_encoding", "variables_hash_max_size",
            "variables_hash_bucket_size", "server_names_hash_bucket_size", "server_names_hash_max_size",
            "types_hash_max_size", "map_hash_bucket_size", "map_hash_max_size", "limit_except", "aio",
            "directio", "output_buffers", "postpone_output", "reset_timedout_connection", "msie_padding",
            "recursive_error_pages", "log_not_found", "log_subrequest", "add_trailer", "mirror", "slice");
    private static final List<String> KNOWN_PREFIXES = List.of("ssl_", "proxy_", "gzip", "fastcgi_", "uwsgi_",
            "grpc_", "scgi_", "sub_filter", "auth_request", "limit_", "open_file_cache", "client_", "lingering_",
            "log_", "access_log", "error_log", "real_ip", "set_real_ip", "add_header", "http2_", "keepalive_",
            "ssi", "userid", "secure_link", "memcached_", "geo", "split_clients", "image_filter");
    private static final List<String> PROXY_SSL = List.of("proxy_ssl_verify", "proxy_ssl_trusted_certificate",
            "proxy_ssl_server_name", "proxy_ssl_name", "proxy_ssl_verify_depth");

    private final List<Finding> findings = new ArrayList<>();
    private final List<NginxMap> maps = new ArrayList<>();
    private final List<NginxUpstream> upstreams = new ArrayList<>();
    private final Set<Location> reported = new java.util.HashSet<>();

    private NginxModelBuilder(List<Finding> parserFindings) {
        findings.addAll(parserFindings);
    }

    /**
     * Builds the model.
     *
     * @param config the parsed configuration
     * @return the model
     * @throws NullPointerException if {@code config} is null
     */
    public static NginxGateway build(NginxConfig config) {
        NginxModelBuilder b = new NginxModelBuilder(config.findings());
        List<NginxDirective> top = b.valid(config.directives(), "");
        List<NginxDirective> https = top.stream().filter(d -> d.name().equals("http")).toList();
        List<NginxDirective> http = https.isEmpty() ? top
                : https.stream().flatMap(d -> d.children().stream()).toList();
        for (NginxDirective d : http) {
            if (d.name().equals("map") && d.block()) {
                b.maps.add(b.map(d));
            } else if (d.name().equals("upstream") && d.block()) {
                NginxUpstream u = b.upstream(d);
                Optional<NginxUpstream> first = b.upstreams.stream().filter(x -> x.name().equals(u.name())).findFirst();
                if (first.isPresent()) {
                    b.error(d.location(), "Duplicate nginx upstream", d.location() + ": upstream "
                            + Shown.name(u.name()) + " is already defined at " + first.get().location()
                            + "; nginx -t rejects it (\"duplicate upstream\"). This one is ignored.",
                            "Rename or remove one of the two upstream blocks.");
                } else {
                    b.upstreams.add(u);
                }
            }
        }
        List<NginxServer> servers = new ArrayList<>();
        List<Map<String, List<NginxDirective>>> scopes = List.of(index(http));
        b.checkKnown(http, false);
        for (NginxDirective d : http) {
            if (d.name().equals("server") && d.block()) {
                servers.add(b.server(d, scopes));
            }
        }
        return new NginxGateway(servers, b.maps, b.upstreams, b.findings);
    }

    /** How many arguments a modelled directive takes and whether it has a block (nginx docs' "Syntax:" lines). */
    private record Arity(int min, int max, boolean block, String syntax) {
    }

    private static final int MANY = Integer.MAX_VALUE;
    private static final Map<String, Arity> ARITY = Map.ofEntries(
            Map.entry("listen", new Arity(1, MANY, false, "listen address[:port] [ssl] [http2] [default_server] ...;")),
            Map.entry("server_name", new Arity(1, MANY, false, "server_name name ...;")),
            Map.entry("proxy_pass", new Arity(1, 1, false, "proxy_pass URL;")),
            Map.entry("ssl_certificate", new Arity(1, 1, false, "ssl_certificate file;")),
            Map.entry("ssl_certificate_key", new Arity(1, 1, false, "ssl_certificate_key file;")),
            Map.entry("location", new Arity(1, 2, true, "location [ = | ~ | ~* | ^~ ] uri { ... }")),
            Map.entry("map", new Arity(2, 2, true, "map string $variable { ... }")),
            Map.entry("upstream", new Arity(1, 1, true, "upstream name { ... }")),
            Map.entry("include", new Arity(1, 1, false, "include file | mask;")),
            Map.entry("resolver", new Arity(1, MANY, false, "resolver address ... [valid=time] [ipv6=on|off];")),
            Map.entry("proxy_ssl_trusted_certificate", new Arity(1, 1, false, "proxy_ssl_trusted_certificate file;")),
            Map.entry("proxy_ssl_verify", new Arity(1, 1, false, "proxy_ssl_verify on | off;")),
            Map.entry("proxy_ssl_verify_depth", new Arity(1, 1, false, "proxy_ssl_verify_depth number;")),
            Map.entry("proxy_ssl_server_name", new Arity(1, 1, false, "proxy_ssl_server_name on | off;")),
            Map.entry("proxy_ssl_name", new Arity(1, 1, false, "proxy_ssl_name name;")),
            Map.entry("ssl_protocols", new Arity(1, MANY, false, "ssl_protocols [TLSv1.2] [TLSv1.3] ...;")),
            Map.entry("server", new Arity(0, 0, true, "server { ... }")));
    private static final Arity UPSTREAM_SERVER = new Arity(1, MANY, false, "server address [parameters];");

    /**
     * The directives with every modelled directive of the wrong argument count or block-ness left out (each
     * reported once as an ERROR value finding), recursively; a {@code map} block's entries are kept as they are.
     */
    private List<NginxDirective> valid(List<NginxDirective> ds, String parent) {
        List<NginxDirective> out = new ArrayList<>(ds.size());
        for (NginxDirective d : ds) {
            Arity a = d.name().equals("server") && parent.equals("upstream") ? UPSTREAM_SERVER : ARITY.get(d.name());
            int n = d.args().size();
            if (a != null && (n < a.min() || n > a.max() || d.block() != a.block())) {
                String expected = !a.block() && d.block() ? "no block"
                        : a.block() && !d.block() ? "a block { ... }"
                        : a.min() == a.max() ? "exactly " + a.min() + (a.min() == 1 ? " argument" : " arguments")
                        : a.max() == MANY ? "at least " + a.min() + (a.min() == 1 ? " argument" : " arguments")
                        : a.min() + " to " + a.max() + " arguments";
                String has = a.block() != d.block() ? (d.block() ? "has one" : "ends with \";\"")
                        : "has " + (n == 0 ? "none" : String.valueOf(n));
                findings.add(Finding.builder(NginxGateway.VALUE_CHECK, Severity.ERROR)
                        .title("Invalid number of nginx directive arguments")
                        .message(d.location() + ": \"" + d.name() + "\" takes " + expected + " but " + has
                                + "; nginx -t rejects it. The directive is ignored.")
                        .subject(d.location().file()).location(d.location())
                        .remediation("Write it as nginx documents it: " + a.syntax()).build());
                continue;
            }
            out.add(!d.block() || d.name().equals("map") ? d
                    : new NginxDirective(d.name(), d.args(), valid(d.children(), d.name()), true, d.location()));
        }
        return out;
    }

    private void error(Location at, String title, String message, String remediation) {
        findings.add(Finding.builder(NginxGateway.VALUE_CHECK, Severity.ERROR).title(title).message(message)
                .subject(at.file()).location(at).remediation(remediation).build());
    }

    private void checkKnown(List<NginxDirective> ds, boolean inMap) {
        if (inMap) {
            return;
        }
        for (NginxDirective d : ds) {
            if (!KNOWN.contains(d.name()) && KNOWN_PREFIXES.stream().noneMatch(d.name()::startsWith)) {
                findings.add(Finding.builder(NginxGateway.UNKNOWN_DIRECTIVE_CHECK, Severity.WARNING)
                        .title("Unknown nginx directive")
                        .message("Directive " + Shown.directive(d.name()) + " at " + d.location()
                                + " is not modelled; its effect is not taken into account.")
                        .subject(d.location().file()).location(d.location())
                        .remediation("Check the spelling; if it is a third-party module's directive, ignore this.")
                        .build());
            }
        }
    }

    // ------------------------------------------------------------------ http-level blocks

    private NginxMap map(NginxDirective d) {
        String def = "";
        Location defAt = d.location();
        List<NginxMap.Entry> entries = new ArrayList<>();
        for (NginxDirective e : d.children()) {
            int want = e.name().equals("hostnames") || e.name().equals("volatile") ? 0 : 1;
            if (e.args().size() != want || e.block()) {
                error(e.location(), "Invalid nginx map entry", e.location() + ": this map entry takes " + (want == 0
                        ? "no value" : "exactly one value") + " but has " + (e.block() ? "a block" : e.args().isEmpty()
                        ? "none" : String.valueOf(e.args().size())) + "; nginx -t rejects it (\"invalid number of the"
                        + " map parameters\"). The entry is ignored.", "Write the entry as \"source value;\".");
                continue;
            }
            switch (e.name()) {
                case "default" -> {
                    def = e.arg(0);
                    defAt = e.location();
                }
                case "hostnames", "volatile" -> {
                }
                default -> entries.add(new NginxMap.Entry(e.name(), e.arg(0), e.location()));
            }
        }
        return new NginxMap(d.arg(0), d.arg(1), def, defAt, entries, d.location());
    }

    private NginxUpstream upstream(NginxDirective d) {
        List<NginxUpstream.Server> servers = new ArrayList<>();
        checkKnown(d.children(), false);
        for (NginxDirective s : d.children("server")) {
            HostPort hp = hostPort(s.arg(0), 80, s.location());
            if (hp.explicitPort && hp.port == 0) {
                continue; // reported by hostPort
            }
            servers.add(new NginxUpstream.Server(hp.host.startsWith("[") ? hp.host.substring(1, hp.host.length() - 1)
                    : hp.host, hp.port, s.args().subList(Math.min(1, s.args().size()), s.args().size()), s.location()));
        }
        if (d.children("server").isEmpty()) {
            error(d.location(), "nginx upstream without servers", d.location() + ": upstream " + Shown.name(d.arg(0))
                    + " has no server; nginx -t rejects it (\"no servers are inside upstream\").",
                    "Add a \"server address;\" line to the upstream, or remove it.");
        }
        return new NginxUpstream(d.arg(0), servers, d.location());
    }

    // ------------------------------------------------------------------ server and location

    private NginxServer server(NginxDirective d, List<Map<String, List<NginxDirective>>> outer) {
        List<Map<String, List<NginxDirective>>> scopes = push(outer, d.children());
        checkKnown(d.children(), false);
        List<NginxListen> listens = d.children("listen").stream().map(this::listen).toList();
        List<String> names = d.children("server_name").stream().flatMap(n -> n.args().stream()).toList();
        List<NginxValue> certs = values(all("ssl_certificate", scopes));
        List<NginxValue> keys = values(all("ssl_certificate_key", scopes));
        List<String> protocols = last("ssl_protocols", scopes).map(NginxDirective::args).orElse(List.of());
        Optional<NginxResolver> resolver = last("resolver", scopes).map(this::resolver);
        List<NginxLocation> locations = new ArrayList<>();
        for (NginxDirective l : d.children("location")) {
            location(l, scopes, locations);
        }
        return new NginxServer(listens, names, certs, keys, protocols, proxySsl(scopes), resolver, locations,
                d.location());
    }

    private void location(NginxDirective d, List<Map<String, List<NginxDirective>>> outer, List<NginxLocation> out) {
        List<Map<String, List<NginxDirective>>> scopes = push(outer, d.children());
        checkKnown(d.children(), false);
        String modifier = d.args().size() >= 2 ? d.arg(0) : "";
        String path = d.args().size() >= 2 ? d.arg(1) : d.arg(0);
        Optional<NginxProxyPass> pass = d.child("proxy_pass").map(this::proxyPass);
        List<String> returns = d.child("return").map(NginxDirective::args).orElse(List.of());
        out.add(new NginxLocation(modifier, path, pass, proxySsl(scopes), returns, d.location()));
        for (NginxDirective l : d.children("location")) {
            location(l, scopes, out);
        }
    }

    private static List<Map<String, List<NginxDirective>>> push(List<Map<String, List<NginxDirective>>> outer,
                                                               List<NginxDirective> inner) {
        List<Map<String, List<NginxDirective>>> s = new ArrayList<>(outer);
        s.add(index(inner));
        return s;
    }

    /** One level's directives by name, in order: built once per level so lookups do not rescan it (linear time). */
    private static Map<String, List<NginxDirective>> index(List<NginxDirective> level) {
        Map<String, List<NginxDirective>> m = new HashMap<>();
        for (NginxDirective x : level) {
            m.computeIfAbsent(x.name(), k -> new ArrayList<>()).add(x);
        }
        return m;
    }

    /** The directives of a name at the innermost level that has any (array-directive inheritance). */
    private static List<NginxDirective> all(String name, List<Map<String, List<NginxDirective>>> scopes) {
        for (int k = scopes.size() - 1; k >= 0; k--) {
            List<NginxDirective> found = scopes.get(k).getOrDefault(name, List.of());
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static Optional<NginxDirective> last(String name, List<Map<String, List<NginxDirective>>> scopes) {
        List<NginxDirective> found = all(name, scopes);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }

    private static List<NginxValue> values(List<NginxDirective> ds) {
        return ds.stream().map(x -> new NginxValue(x.arg(0), x.location())).toList();
    }

    private NginxProxySsl proxySsl(List<Map<String, List<NginxDirective>>> scopes) {
        NginxProxySsl def = NginxProxySsl.DEFAULTS;
        boolean verify = def.verify();
        String trusted = def.trustedCertificate();
        boolean sni = def.serverName();
        String name = def.name();
        int depth = def.verifyDepth();
        List<NginxValue> setBy = new ArrayList<>();
        for (String n : PROXY_SSL) {
            Optional<NginxDirective> o = last(n, scopes);
            if (o.isEmpty()) {
                continue;
            }
            NginxDirective x = o.get();
            setBy.add(new NginxValue(n + " " + String.join(" ", x.args()), x.location()));
            switch (n) {
                case "proxy_ssl_verify" -> verify = flag(x, verify);
                case "proxy_ssl_trusted_certificate" -> trusted = x.arg(0);
                case "proxy_ssl_server_name" -> sni = flag(x, sni);
                case "proxy_ssl_name" -> name = x.arg(0);
                default -> depth = number(x, depth);
            }
        }
        return new NginxProxySsl(verify, trusted, sni, name, depth, setBy);
    }

    private boolean flag(NginxDirective x, boolean dflt) {
        if (x.args().size() == 1 && (x.arg(0).equals("on") || x.arg(0).equals("off"))) {
            return x.arg(0).equals("on");
        }
        value(x, "\"on\" or \"off\"");
        return dflt;
    }

    private int number(NginxDirective x, int dflt) {
        if (x.args().size() == 1 && x.arg(0).matches("[0-9]{1,9}")) {
            return Integer.parseInt(x.arg(0));
        }
        value(x, "a non-negative number");
        return dflt;
    }

    private void value(NginxDirective x, String expected) {
        if (!reported.add(x.location())) {
            return; // an inherited directive is evaluated once per level; report it once
        }
        findings.add(Finding.builder(NginxGateway.VALUE_CHECK, Severity.ERROR)
                .title("Invalid nginx directive value")
                .message(x.location() + ": \"" + x.name() + " " + String.join(" ", x.args())
                        + "\" is not valid; expected " + expected + ". nginx -t rejects it; the default is assumed.")
                .subject(x.location().file()).location(x.location())
                .remediation("Correct the value of " + x.name() + ".").build());
    }

    // ------------------------------------------------------------------ values

    private record HostPort(String host, int port, boolean explicitPort) {
    }

    /** Splits {@code host[:port]}, {@code [v6][:port]}, a bare port, or {@code unix:/path}. */
    private HostPort hostPort(String s, int defaultPort, Location at) {
        if (s.startsWith("unix:")) {
            return new HostPort(s, 0, false);
        }
        String host = s;
        String port = "";
        if (s.startsWith("[") && s.indexOf(']') < 0) {
            error(at, "Invalid address in nginx directive", at + ": the IPv6 address has no closing \"]\"; expected"
                    + " [address]:port.", "Close the IPv6 address with \"]\".");
            return new HostPort(s, 0, true);
        }
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            host = close < 0 ? s : s.substring(0, close + 1);
            port = close >= 0 && s.length() > close + 1 && s.charAt(close + 1) == ':' ? s.substring(close + 2) : "";
        } else if (s.matches("[0-9]+")) {
            host = "";
            port = s;
        } else if (s.lastIndexOf(':') >= 0) {
            host = s.substring(0, s.lastIndexOf(':'));
            port = s.substring(s.lastIndexOf(':') + 1);
        }
        if (port.isEmpty()) {
            return new HostPort(host, defaultPort, false);
        }
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            findings.add(Finding.builder(NginxGateway.VALUE_CHECK, Severity.ERROR)
                    .title("Invalid port in nginx address")
                    .message(at + ": \"" + s + "\" has port \"" + port + "\"; expected a number from 1 to 65535.")
                    .subject(at.file()).location(at).remediation("Correct the port.").build());
            return new HostPort(host, 0, true);
        }
        return new HostPort(host, Integer.parseInt(port), true);
    }

    private NginxListen listen(NginxDirective d) {
        HostPort hp = hostPort(d.arg(0), 80, d.location());
        String address = hp.host.equals("*") ? "" : hp.host;
        if (!address.isEmpty() && !address.startsWith("[") && !address.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")
                && !address.equals("localhost") && !address.startsWith("unix:")) {
            findings.add(Finding.builder(NginxGateway.VALUE_CHECK, Severity.WARNING)
                    .title("nginx listen address is a host name")
                    .message(d.location() + ": listen " + Shown.name(address)
                            + " is neither a port nor an IP address; nginx resolves it as a host name when it"
                            + " starts and fails (\"host not found\") if it cannot.")
                    .subject(d.location().file()).location(d.location())
                    .remediation("Write listen port, listen address:port or listen [v6]:port.").build());
        }
        List<String> params = d.args().subList(Math.min(1, d.args().size()), d.args().size());
        return new NginxListen(address, hp.port, params.contains("ssl"), params.contains("http2"),
                params.contains("default_server") || params.contains("default"), d.location());
    }

    private static final Pattern TIME = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d|w|M|y)?");

    private NginxResolver resolver(NginxDirective d) {
        List<String> addresses = new ArrayList<>();
        long valid = 0;
        boolean ipv6 = true;
        for (String a : d.args()) {
            if (a.startsWith("valid=")) {
                Matcher m = TIME.matcher(a.substring(6));
                if (m.matches()) {
                    long n = Long.parseLong(m.group(1));
                    String unit = m.group(2) == null ? "s" : m.group(2);
                    valid = switch (unit) {
                        case "ms" -> n / 1000;
                        case "m" -> n * 60;
                        case "h" -> n * 3600;
                        case "d" -> n * 86400;
                        case "w" -> n * 604800;
                        case "M" -> n * 2592000;
                        case "y" -> n * 31536000;
                        default -> n;
                    };
                } else {
                    value(d, "valid=<time> such as valid=30s");
                }
            } else if (a.equals("ipv6=off")) {
                ipv6 = false;
            } else if (!a.contains("=")) {
                addresses.add(a);
            }
        }
        return new NginxResolver(addresses, valid, ipv6, d.location());
    }

    // ------------------------------------------------------------------ proxy_pass

    private NginxProxyPass proxyPass(NginxDirective d) {
        String written = d.arg(0);
        String resolved = written;
        List<Location> via = new ArrayList<>();
        List<String> alternatives = new ArrayList<>();
        for (NginxMap m : maps) {
            String var = m.variable().startsWith("$") ? m.variable().substring(1) : m.variable();
            Pattern p = Pattern.compile("\\$(\\{" + Pattern.quote(var) + "\\}|" + Pattern.quote(var) + "(?![A-Za-z0-9_]))");
            if (!p.matcher(resolved).find()) {
                continue;
            }
            for (NginxMap.Entry e : m.entries()) {
                alternatives.add(p.matcher(resolved).replaceAll(Matcher.quoteReplacement(e.value())));
            }
            resolved = p.matcher(resolved).replaceAll(Matcher.quoteReplacement(m.defaultValue()));
            via.add(m.defaultAt());
        }
        if (resolved.isEmpty() || resolved.contains("$")) {
            findings.add(Finding.builder(NginxGateway.PROXY_PASS_CHECK, Severity.WARNING)
                    .title("proxy_pass target not known before run time")
                    .message(d.location() + ": proxy_pass \"" + written + "\" resolves to \"" + resolved
                            + "\", which " + (resolved.isEmpty() ? "is empty (no map default)"
                            : "still depends on request variables") + "; its upstream cannot be checked.")
                    .subject(d.location().file()).location(d.location())
                    .remediation("Give the map a default, or proxy to a fixed URL.").build());
            return new NginxProxyPass(written, Optional.empty(), List.of(), Optional.empty(), via, d.location());
        }
        Optional<NginxProxyTarget> target = target(resolved, d.location());
        Optional<NginxUpstream> upstream = Optional.empty();
        if (target.isPresent() && !resolved.substring(resolved.indexOf("://") + 3).split("/", 2)[0].contains(":")) {
            String host = target.get().host();
            upstream = upstreams.stream().filter(u -> u.name().equals(host)).findFirst();
            upstream.ifPresent(u -> via.add(u.location()));
        }
        List<NginxProxyTarget> alts = alternatives.stream().filter(a -> !a.contains("$"))
                .map(a -> target(a, d.location())).flatMap(Optional::stream).toList();
        return new NginxProxyPass(written, target, alts, upstream, via, d.location());
    }

    private Optional<NginxProxyTarget> target(String url, Location at) {
        int sep = url.indexOf("://");
        if (sep < 0) {
            findings.add(Finding.builder(NginxGateway.VALUE_CHECK, Severity.ERROR)
                    .title("Invalid proxy_pass URL")
                    .message(at + ": \"" + url + "\" has no scheme; expected http://... or https://...")
                    .subject(at.file()).location(at).remediation("Write the URL with its scheme.").build());
            return Optional.empty();
        }
        String scheme = url.substring(0, sep).toLowerCase(java.util.Locale.ROOT);
        String rest = url.substring(sep + 3);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            error(at, "Invalid proxy_pass URL", at + ": the URL does not start with http:// or https://; nginx -t"
                    + " rejects it (\"invalid URL prefix\").", "Proxy to an http:// or https:// URL.");
            return Optional.empty();
        }
        if (rest.isEmpty() || rest.startsWith("/") || rest.startsWith(":")) {
            error(at, "Invalid proxy_pass URL", at + ": the URL has no host; nginx -t rejects it (\"no host in"
                    + " upstream\").", "Write the URL as http://host[:port][/path].");
            return Optional.empty();
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash);
        HostPort hp = hostPort(authority, scheme.equals("https") ? 443 : 80, at);
        if (hp.explicitPort && hp.port == 0) {
            return Optional.empty(); // the invalid port is reported by hostPort
        }
        String host = hp.host.startsWith("[") && hp.host.endsWith("]") ? hp.host.substring(1, hp.host.length() - 1)
                : hp.host;
        return Optional.of(new NginxProxyTarget(url, scheme, host, hp.port, path));
    }
}
