package io.phoenixdiag.core.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import java.nio.file.Path;
import io.phoenixdiag.core.testing.Fixtures;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NginxGatewayTest {

    private static NginxGateway model(String text) {
        return NginxGateway.of(NginxConfig.parse("t.conf", text));
    }

    private static Location at(int line, int col) {
        return Location.ofLine("t.conf", line, col);
    }

    @Test
    void referenceGatewaySite() {
        Path site = Fixtures.shared().resolve("reference/phoenix").resolve("nginx/sites-available/gateway");
        String f = site.toString();
        NginxGateway g = NginxGateway.of(NginxConfig.load(site, site.getParent().getParent()));
        assertEquals(List.of(), g.findings());
        assertEquals(List.of(new NginxMap("$host", "$upstream_service", "https://traefik.internal.homelab.example:8443",
                Location.ofLine(f, 24, 5), List.of(), Location.ofLine(f, 23, 1))), g.maps());
        assertEquals(List.of(), g.upstreams());
        assertEquals(2, g.servers().size());

        NginxServer http = g.servers().get(0);
        assertEquals(Location.ofLine(f, 2, 1), http.location());
        assertEquals(List.of(new NginxListen("", 80, false, false, true, Location.ofLine(f, 3, 5)),
                new NginxListen("[::]", 80, false, false, true, Location.ofLine(f, 4, 5))), http.listens());
        assertEquals(List.of("*.phoenix.homelab.example", "*.internal.homelab.example"), http.serverNames());
        assertEquals(List.of(), http.sslCertificates());
        assertEquals(List.of(), http.sslProtocols());
        assertEquals(Optional.empty(), http.resolver());
        assertEquals(NginxProxySsl.DEFAULTS, http.proxySsl());
        NginxProxyTarget traefikHttp = new NginxProxyTarget("http://10.0.0.12:80", "http", "10.0.0.12", 80, "");
        assertEquals(List.of(
                new NginxLocation("", "/.well-known/acme-challenge/", Optional.of(new NginxProxyPass(
                        "http://10.0.0.12:80", Optional.of(traefikHttp), List.of(), Optional.empty(), List.of(),
                        Location.ofLine(f, 10, 9))), NginxProxySsl.DEFAULTS, List.of(), Location.ofLine(f, 9, 5)),
                new NginxLocation("", "/", Optional.empty(), NginxProxySsl.DEFAULTS,
                        List.of("301", "https://$host$request_uri"), Location.ofLine(f, 17, 5))), http.locations());

        NginxServer https = g.servers().get(1);
        assertEquals(List.of(new NginxListen("", 443, true, true, false, Location.ofLine(f, 30, 5)),
                new NginxListen("[::]", 443, true, true, false, Location.ofLine(f, 31, 5))), https.listens());
        assertEquals(List.of("*.phoenix.homelab.example"), https.serverNames());
        assertEquals(List.of(new NginxValue("/etc/step-ca/ssl/phoenix.homelab.example.crt", Location.ofLine(f, 42, 5))),
                https.sslCertificates());
        assertEquals(List.of(new NginxValue("/etc/step-ca/ssl/phoenix.homelab.example.key", Location.ofLine(f, 43, 5))),
                https.sslCertificateKeys());
        assertEquals(List.of("TLSv1.2", "TLSv1.3"), https.sslProtocols());
        assertEquals(Optional.of(new NginxResolver(List.of("10.0.0.13"), 10, true, Location.ofLine(f, 39, 5))),
                https.resolver());
        NginxProxySsl ssl = new NginxProxySsl(false, "/etc/step-ca/ssl/phoenix_root_ca.crt", true, "$proxy_host", 1,
                List.of(new NginxValue("proxy_ssl_trusted_certificate /etc/step-ca/ssl/phoenix_root_ca.crt",
                                Location.ofLine(f, 50, 5)),
                        new NginxValue("proxy_ssl_server_name on", Location.ofLine(f, 49, 5))));
        assertEquals(ssl, https.proxySsl());
        assertEquals(2, https.locations().size());
        NginxLocation root = https.locations().get(1);
        assertEquals(ssl, root.proxySsl());
        assertEquals(Optional.of(new NginxProxyPass("$upstream_service", Optional.of(new NginxProxyTarget(
                "https://traefik.internal.homelab.example:8443", "https", "traefik.internal.homelab.example", 8443, "")),
                List.of(), Optional.empty(), List.of(Location.ofLine(f, 24, 5)), Location.ofLine(f, 72, 9))),
                root.proxyPass());
        assertEquals(Optional.of(traefikHttp), https.locations().get(0).proxyPass().flatMap(NginxProxyPass::target));
    }

    @Test
    void upstreamsMapEntriesAndInheritance() {
        NginxGateway g = model("""
                http {
                  proxy_ssl_verify on;
                  proxy_ssl_verify_depth 2;
                  ssl_certificate /a.crt;
                  upstream traefik { server 10.0.0.12:8443 weight=2; server [fd00::1]; }
                  map $host $up { hostnames; default https://traefik; a.example http://10.0.0.9:81/x; }
                  server {
                    listen 127.0.0.1:8443 ssl default;
                    ssl_certificate /b.crt;
                    ssl_certificate /b-ecdsa.crt;
                    location ~* ^/api { proxy_ssl_verify off; proxy_pass ${up}; location = /api/x { proxy_pass http://traefik:9000; } }
                  }
                  server { listen 8080; location / { proxy_pass http://traefik; } }
                }
                """);
        assertEquals(List.of(), g.findings());
        NginxUpstream up = new NginxUpstream("traefik", List.of(
                new NginxUpstream.Server("10.0.0.12", 8443, List.of("weight=2"), at(5, 22)),
                new NginxUpstream.Server("fd00::1", 80, List.of(), at(5, 54))), at(5, 3));
        assertEquals(List.of(up), g.upstreams());
        NginxServer s = g.servers().get(0);
        assertEquals(List.of(new NginxListen("127.0.0.1", 8443, true, false, true, at(8, 5))), s.listens());
        assertEquals(List.of("/b.crt", "/b-ecdsa.crt"), s.sslCertificates().stream().map(NginxValue::value).toList());
        assertEquals(List.of("/a.crt"), g.servers().get(1).sslCertificates().stream().map(NginxValue::value).toList());
        assertTrue(s.proxySsl().verify());
        assertEquals(2, s.proxySsl().verifyDepth());
        NginxLocation api = s.locations().get(0);
        assertEquals("~*", api.modifier());
        assertEquals("^/api", api.path());
        assertEquals(false, api.proxySsl().verify());
        assertEquals(2, api.proxySsl().verifyDepth());
        NginxProxyPass pass = api.proxyPass().orElseThrow();
        assertEquals(Optional.of(new NginxProxyTarget("https://traefik", "https", "traefik", 443, "")), pass.target());
        assertEquals(List.of(new NginxProxyTarget("http://10.0.0.9:81/x", "http", "10.0.0.9", 81, "/x")),
                pass.alternatives());
        assertEquals(Optional.of(up), pass.upstream());
        assertEquals(List.of(at(6, 30), at(5, 3)), pass.via());
        NginxLocation nested = s.locations().get(1);
        assertEquals("=", nested.modifier());
        assertEquals(false, nested.proxySsl().verify());
        assertEquals(Optional.empty(), nested.proxyPass().orElseThrow().upstream());
        assertEquals(9000, nested.proxyPass().orElseThrow().target().orElseThrow().port());
        assertEquals(Optional.of(up), g.servers().get(1).locations().get(0).proxyPass().orElseThrow().upstream());
        assertEquals(List.of(new NginxListen("", 8080, false, false, false, at(13, 12))), g.servers().get(1).listens());
    }

    @Test
    void badValuesUnknownDirectivesAndUnresolvedTargetsAreFindings() {
        NginxGateway g = model("""
                server {
                  listen 99999;
                  proxy_ssl_verify yes;
                  proxy_ssl_verify_depth deep;
                  resolver 10.0.0.1 valid=soon;
                  frobnicate 1;
                  location / { proxy_pass http://$host:8080; }
                  location /b { proxy_pass 10.0.0.1; }
                }
                """);
        assertEquals(List.of(
                "gateway.nginx-unknown-directive t.conf:6:3",
                "gateway.nginx-value t.conf:2:3",
                "gateway.nginx-value t.conf:5:3",
                "gateway.nginx-proxy-pass t.conf:7:16",
                "gateway.nginx-value t.conf:3:3",
                "gateway.nginx-value t.conf:4:3",
                "gateway.nginx-value t.conf:8:17"),
                g.findings().stream().map(x -> x.checkId() + " " + x.locations().get(0)).toList());
        assertEquals(Severity.WARNING, g.findings().get(0).severity());
        NginxServer s = g.servers().get(0);
        assertEquals(0, s.listens().get(0).port());
        assertEquals(false, s.proxySsl().verify());
        assertEquals(1, s.proxySsl().verifyDepth());
        assertEquals(0, s.resolver().orElseThrow().validSeconds());
        assertEquals(Optional.empty(), s.locations().get(0).proxyPass().orElseThrow().target());
        Finding f = g.findings().get(3);
        assertEquals("t.conf:7:16: proxy_pass \"http://$host:8080\" resolves to \"http://$host:8080\", which still"
                + " depends on request variables; its upstream cannot be checked.", f.message());
    }

    @Test
    void resolverUnitsAndIpv6() {
        NginxGateway g = model("server { resolver 1.1.1.1 [::1]:5353 valid=2m ipv6=off status_zone=z; }");
        assertEquals(Optional.of(new NginxResolver(List.of("1.1.1.1", "[::1]:5353"), 120, false, at(1, 10))),
                g.servers().get(0).resolver());
    }

    @Test
    void portOutOfRangeGivesAValueFindingAndNoTarget() {
        NginxGateway g = model("server { location /y { proxy_pass http://10.0.0.12:0; } }\n"
                + "upstream u { server 10.0.0.12:65536; server 10.0.0.13:65535; }");
        assertEquals(List.of("t.conf:2:14: \"10.0.0.12:65536\" has port \"65536\"; expected a number from 1 to 65535.",
                "t.conf:1:24: \"10.0.0.12:0\" has port \"0\"; expected a number from 1 to 65535."),
                g.findings().stream().map(Finding::message).toList());
        assertEquals(Optional.empty(), g.servers().get(0).locations().get(0).proxyPass().orElseThrow().target());
        assertEquals(List.of(65535), g.upstreams().get(0).servers().stream().map(NginxUpstream.Server::port)
                .toList());
    }

    @Test
    void missingArgumentsAreErrorsAndTheDirectiveIsIgnored() {
        NginxGateway g = model("""
                server {
                 listen;
                 server_name;
                 proxy_pass;
                 ssl_certificate;
                 location { }
                 location /a /b /c { }
                 location /ok;
                 listen 80 { }
                 proxy_ssl_verify;
                }
                upstream u { server; server 10.0.0.1; }
                upstream { server 10.0.0.2; }
                map $host { }
                """);
        assertEquals(List.of(
                "t.conf:2:2: \"listen\" takes at least 1 argument but has none; nginx -t rejects it. The directive is ignored.",
                "t.conf:3:2: \"server_name\" takes at least 1 argument but has none; nginx -t rejects it. The directive is ignored.",
                "t.conf:4:2: \"proxy_pass\" takes exactly 1 argument but has none; nginx -t rejects it. The directive is ignored.",
                "t.conf:5:2: \"ssl_certificate\" takes exactly 1 argument but has none; nginx -t rejects it. The directive is ignored.",
                "t.conf:6:2: \"location\" takes 1 to 2 arguments but has none; nginx -t rejects it. The directive is ignored.",
                "t.conf:7:2: \"location\" takes 1 to 2 arguments but has 3; nginx -t rejects it. The directive is ignored.",
                "t.conf:8:2: \"location\" takes a block { ... } but ends with \";\"; nginx -t rejects it. The directive is ignored.",
                "t.conf:9:2: \"listen\" takes no block but has one; nginx -t rejects it. The directive is ignored.",
                "t.conf:10:2: \"proxy_ssl_verify\" takes exactly 1 argument but has none; nginx -t rejects it. The directive is ignored.",
                "t.conf:12:14: \"server\" takes at least 1 argument but has none; nginx -t rejects it. The directive is ignored.",
                "t.conf:13:1: \"upstream\" takes exactly 1 argument but has none; nginx -t rejects it. The directive is ignored.",
                "t.conf:14:1: \"map\" takes exactly 2 arguments but has 1; nginx -t rejects it. The directive is ignored."),
                g.findings().stream().map(Finding::message).toList());
        assertEquals("Write it as nginx documents it: proxy_pass URL;", g.findings().get(2).remediation());
        NginxServer s = g.servers().get(0);
        assertEquals(List.of(), s.listens());
        assertEquals(List.of(), s.serverNames());
        assertEquals(List.of(), s.sslCertificates());
        assertEquals(List.of(), s.locations());
        assertEquals(List.of(), s.proxySsl().setBy());
        assertEquals(List.of("u"), g.upstreams().stream().map(NginxUpstream::name).toList());
        assertEquals(List.of("10.0.0.1"), g.upstreams().get(0).servers().stream().map(NginxUpstream.Server::host)
                .toList());
        assertEquals(List.of(), g.maps());
    }

    @Test
    void invalidMapUpstreamListenAndProxyPassValues() {
        NginxGateway g = model("""
                map $host $up {
                    default;
                    hostnames;
                    b.example;
                    a.example http://10.0.0.12:8080;
                }
                upstream empty { }
                upstream dup { server 10.0.0.1:80; }
                upstream dup { server 10.0.0.2:80; }
                server {
                  listen notaport;
                  listen [::1;
                  location /x { proxy_pass ftp://10.0.0.12:21; }
                  location /z { proxy_pass http://; }
                  location /d { proxy_pass http://dup; }
                }
                """);
        assertEquals(List.of(
                "gateway.nginx-value ERROR t.conf:2:5: this map entry takes exactly one value but has none; nginx -t"
                        + " rejects it (\"invalid number of the map parameters\"). The entry is ignored.",
                "gateway.nginx-value ERROR t.conf:4:5: this map entry takes exactly one value but has none; nginx -t"
                        + " rejects it (\"invalid number of the map parameters\"). The entry is ignored.",
                "gateway.nginx-value ERROR t.conf:7:1: upstream \"empty\" has no server; nginx -t rejects it (\"no"
                        + " servers are inside upstream\").",
                "gateway.nginx-value ERROR t.conf:9:1: upstream \"dup\" is already defined at t.conf:8:1; nginx -t"
                        + " rejects it (\"duplicate upstream\"). This one is ignored.",
                "gateway.nginx-value WARNING t.conf:11:3: listen \"notaport\" is neither a port nor an IP address;"
                        + " nginx resolves it as a host name when it starts and fails (\"host not found\") if it"
                        + " cannot.",
                "gateway.nginx-value ERROR t.conf:12:3: the IPv6 address has no closing \"]\"; expected"
                        + " [address]:port.",
                "gateway.nginx-value ERROR t.conf:13:17: the URL does not start with http:// or https://; nginx -t"
                        + " rejects it (\"invalid URL prefix\").",
                "gateway.nginx-value ERROR t.conf:14:17: the URL has no host; nginx -t rejects it (\"no host in"
                        + " upstream\")."),
                g.findings().stream().map(f -> f.checkId() + " " + f.severity() + " " + f.message()).toList());
        assertEquals(1, g.maps().get(0).entries().size());
        assertEquals(List.of("empty", "dup"), g.upstreams().stream().map(NginxUpstream::name).toList());
        List<NginxLocation> locs = g.servers().get(0).locations();
        assertEquals(Optional.empty(), locs.get(0).proxyPass().orElseThrow().target());
        assertEquals(Optional.empty(), locs.get(1).proxyPass().orElseThrow().target());
        assertEquals("10.0.0.1", locs.get(2).proxyPass().orElseThrow().upstream().orElseThrow().servers().get(0).host());
    }
}
