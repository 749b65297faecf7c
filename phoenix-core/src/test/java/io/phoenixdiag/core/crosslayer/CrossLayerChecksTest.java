package io.phoenixdiag.core.crosslayer;

import static io.phoenixdiag.core.testing.Fixtures.lxc;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Report;
import io.phoenixdiag.core.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossLayerChecksTest {

    @TempDir
    Path dir;

    private Fixtures.Dir deployment() {
        return Fixtures.in(dir)
                .lxc(lxc(101, "Nginx", "10.0.0.153", "'mount_points': [{'host_path': '/srv/nginx', 'container_path':"
                                + " '/etc/nginx/ssl'}]"),
                        lxc(102, "Traefik", "10.0.0.12", "'mount_points': [{'host_path': '/srv/ca', 'container_path':"
                                + " '/etc/ca'}]"),
                        lxc(103, "Step-CA", "10.0.0.10", "'features': ['step_ca'], 'mount_points': [{'host_path':"
                                + " '/srv/ca', 'container_path': '/etc/step-ca/ssl'}]"),
                        lxc(104, "App", "10.0.0.20", "'traefik_service': {'name': 'app', 'port': 8080}"))
                .manifest(Fixtures.j("{'common_name': 'app.internal.example', 'sans': ['app.internal.example'],"
                        + " 'cert_path': '/srv/nginx/app.crt', 'key_path': '/srv/nginx/app.key',"
                        + " 'post_renewal_command': 'pct exec 101 -- systemctl reload nginx'}"))
                .write("nginx/sites-available/site", """
                        server {
                            listen 443 ssl;
                            server_name app.internal.example;
                            ssl_certificate /etc/nginx/ssl/app.crt;
                            ssl_certificate_key /etc/nginx/ssl/app.key;
                            proxy_ssl_verify on;
                            proxy_ssl_verify_depth 0;
                            proxy_ssl_trusted_certificate /etc/ssl/other/root.crt;
                            location / { proxy_pass https://10.0.0.12:80; }
                            location /x { proxy_pass http://10.9.9.9:80; }
                            location /p { proxy_pass http://pool; }
                        }
                        upstream pool { server 10.0.0.12:8080; }
                        """)
                .write("traefik/traefik.yml", """
                        entryPoints:
                          web:
                            address: ":80"
                        providers:
                          file:
                            directory: /etc/traefik/dynamic
                        """)
                .write("traefik/dynamic/routes.yml", """
                        http:
                          routers:
                            app:
                              rule: "Host(`app.internal.example`)"
                              entryPoints: [web, websecure]
                              service: app-svc
                              tls:
                                certResolver: acme
                            ghost:
                              rule: "Host(`g.internal.example`)"
                              service: nope
                          services:
                            app-svc:
                              loadBalancer:
                                servers:
                                  - url: "https://10.0.0.20:8081"
                                serversTransport: missing
                            far:
                              loadBalancer:
                                servers:
                                  - url: "http://10.9.9.8:80"
                            ca-svc:
                              loadBalancer:
                                servers:
                                  - url: "http://10.0.0.10:9000"
                          serversTransports:
                            t1:
                              insecureSkipVerify: true
                              rootCAs: [/etc/ca/phoenix_root_ca.crt]
                        """);
    }

    private static List<String> crossLayer(Report r, Path dir) {
        return r.findings().stream().filter(f -> f.checkId().startsWith("gateway.") || f.checkId().startsWith("traefik."))
                .map(f -> f.checkId() + " " + f.severity() + " " + f.locations().stream()
                        .map(l -> l.toString().replace(dir + "/", "")).collect(Collectors.joining(" | ")))
                .sorted().toList();
    }

    @Test
    void everyKindOfMismatchWithBothLocations() {
        Report r = deployment().diagnosis().build().run();
        String site = "nginx/sites-available/site";
        String routes = "traefik/dynamic/routes.yml";
        assertEquals(List.of(
                "gateway.tls.insecure-skip-verify WARNING " + routes + ":27:5#/http/serversTransports/t1"
                        + " | phoenix_lxc_configs.json:1:736#/lxc_configs/103/mount_points/0",
                "gateway.tls.trust-anchor ERROR " + site + ":8:5 | phoenix_lxc_configs.json:1:736#/lxc_configs/103/mount_points/0",
                "gateway.tls.verify-depth ERROR " + site + ":7:5 | " + site + ":9:18",
                "gateway.upstream.port ERROR " + site + ":13:17 | traefik/traefik.yml:2:3#/entryPoints/web",
                "gateway.upstream.scheme ERROR " + site + ":9:18 | traefik/traefik.yml:2:3#/entryPoints/web",
                "gateway.upstream.unknown-host ERROR " + site + ":10:19 | phoenix_lxc_configs.json:1:1",
                "traefik.routing.backend ERROR " + routes + ":21:13#/http/services/far/loadBalancer/servers/0/url"
                        + " | phoenix_lxc_configs.json:1:1",
                "traefik.routing.backend WARNING " + routes + ":16:13#/http/services/app-svc/loadBalancer/servers/0/url"
                        + " | phoenix_lxc_configs.json:1:809#/lxc_configs/104",
                "traefik.routing.cert-resolver ERROR " + routes + ":3:5#/http/routers/app | traefik/traefik.yml",
                "traefik.routing.entry-point ERROR " + routes + ":3:5#/http/routers/app"
                        + " | traefik/traefik.yml:2:3#/entryPoints/web",
                "traefik.routing.scheme ERROR " + routes + ":25:13#/http/services/ca-svc/loadBalancer/servers/0/url"
                        + " | phoenix_lxc_configs.json:1:528#/lxc_configs/103",
                "traefik.routing.service ERROR " + routes + ":9:5#/http/routers/ghost | " + routes
                        + ":13:5#/http/services/app-svc",
                "traefik.routing.transport ERROR " + routes + ":13:5#/http/services/app-svc | " + routes
                        + ":27:5#/http/serversTransports/t1"), crossLayer(r, dir));
        Finding scheme = r.findings().stream().filter(f -> f.checkId().equals(GatewayUpstreamCheck.SCHEME)).findFirst()
                .orElseThrow();
        assertEquals("Nginx speaks https to Traefik's entry point web, which serves plain HTTP", scheme.title());
    }

    @Test
    void withoutGatewayFilesTheGeneratedConfigurationLeavesSchemesToRouterSchemeCheck() {
        Report r = Fixtures.in(dir).lxc(lxc(102, "Traefik", "10.0.0.12", ""),
                lxc(103, "Step-CA", "10.0.0.10", "'features': ['step_ca'], 'traefik_service': {'name': 'ca', 'port': 9000}"))
                .diagnosis().build().run();
        assertEquals(List.of(), crossLayer(r, dir));
        assertEquals(1, r.findings().stream().filter(f -> f.checkId().equals("router.scheme-mismatch")).count());
    }

    @Test
    void evidenceGivenToTheDiagnosisWinsOverDiscovery() {
        Report r = deployment().diagnosis().evidence(GatewayConfigs.class, GatewayConfigs.NONE).build().run();
        // no files: only the generated configuration is checked; its internal-ca transport trusts
        // /etc/step-ca/ssl/phoenix_root_ca.crt, which Traefik (lxc:102) does not mount from the CA
        assertEquals(List.of("gateway.tls.trust-anchor ERROR phoenix_hypervisor_config.json#/domain_name"
                + " | phoenix_lxc_configs.json:1:736#/lxc_configs/103/mount_points/0"), crossLayer(r, dir));
    }

    @Test
    void portZeroIsAValueFindingAndTheUpstreamCheckCarriesOn() {
        Report r = deployment().write("nginx/sites-available/zero", """
                server {
                    listen 80;
                    location /y { proxy_pass http://10.0.0.12:0; }
                    location /z { proxy_pass http://zpool; }
                    location /w { proxy_pass http://10.9.9.7:80; }
                }
                upstream zpool { server 10.0.0.12:0; }
                """).diagnosis().build().run();
        assertEquals(List.of(), r.findings().stream().filter(f -> f.checkId().equals("diag.check-failed")).toList());
        String zero = "nginx/sites-available/zero";
        List<String> mine = crossLayer(r, dir).stream().filter(s -> s.contains(zero)).toList();
        assertEquals(List.of(
                "gateway.nginx-value ERROR " + zero + ":3:19",
                "gateway.nginx-value ERROR " + zero + ":7:18",
                "gateway.upstream.unknown-host ERROR " + zero + ":5:19 | phoenix_lxc_configs.json:1:1"), mine);
    }

    @Test
    void anUnparsableStaticFileGivesItsSyntaxErrorAndNoFollowOnFindings() {
        Report r = deployment().write("traefik/traefik.yml", "entryPoints: [\n").diagnosis().build().run();
        List<String> got = crossLayer(r, dir);
        assertEquals(List.of(), got.stream().filter(x -> x.startsWith("gateway.upstream.port")
                || x.startsWith("gateway.upstream.scheme") || x.startsWith("gateway.upstream.no-router")
                || x.startsWith("traefik.routing.entry-point") || x.startsWith("traefik.routing.cert-resolver")).toList());
        assertEquals(1, got.stream().filter(x -> x.startsWith("gateway.traefik-syntax ERROR traefik/traefik.yml"))
                .count());
    }
}
