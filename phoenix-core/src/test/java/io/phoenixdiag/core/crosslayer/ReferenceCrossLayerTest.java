package io.phoenixdiag.core.crosslayer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.core.analysis.Diagnosis;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Report;
import io.phoenixdiag.core.testing.Fixtures;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Pins every mismatch between the reference deployment's nginx site, Traefik configuration (static file and
 * the generated dynamic configuration), stack labels, JSON and certificate manifest, each with both locations.
 */
class ReferenceCrossLayerTest {

    private static String loc(Location l, String ref) {
        return l.toString().replace(ref + "/", "");
    }

    @Test
    void everyMismatchOfTheReferenceDeploymentWithBothLocations() {
        String ref = Fixtures.reference().toString();
        Report r = Diagnosis.of(Fixtures.reference()).run();
        List<String> got = r.findings().stream()
                .filter(f -> f.checkId().startsWith("gateway.") || f.checkId().startsWith("traefik."))
                .map(f -> f.checkId() + " " + f.severity() + " " + f.locations().stream().map(l -> loc(l, ref))
                        .collect(Collectors.joining(" | ")))
                .sorted().toList();
        String site = "nginx/sites-available/gateway";
        String tr = "traefik/traefik.yml.template";
        String labels = "/environments/production/services/";
        assertEquals(List.of(
                "gateway.tls.not-in-manifest ERROR " + site + ":42:5 | certificate-manifest.json:1:1",
                "gateway.tls.not-in-manifest ERROR " + site + ":43:5 | certificate-manifest.json:1:1",
                "gateway.tls.proxy-verify WARNING " + site + ":72:9 | " + site + ":50:5",
                "gateway.tls.san ERROR " + site + ":29:1 | certificate-manifest.json:2:5#/0",
                "gateway.traefik-static ERROR " + tr + ":15:1#/http",
                "gateway.traefik-static WARNING " + tr + ":28:3#/providers/file",
                "gateway.upstream.no-router ERROR " + site + ":29:1 | phoenix_vm_configs.json:45:32#/vms/1/traefik_service",
                "gateway.upstream.port ERROR " + site + ":24:5 | " + tr + ":22:3#/entryPoints/web",
                "traefik.routing.backend-name ERROR phoenix_vm_configs.json:45:32#/vms/1/traefik_service"
                        + " | certificate-manifest.json:14:5#/1",
                "traefik.routing.cert-resolver ERROR phoenix_stacks_config.json#/docker_stacks/qdrant_service" + labels
                        + "qdrant/traefik_labels/1 | " + tr,
                "traefik.routing.cert-resolver ERROR stacks/portainer_service/phoenix.json#" + labels
                        + "portainer/traefik_labels/1 | " + tr,
                "traefik.routing.cert-resolver ERROR stacks/qdrant_service/phoenix.json#" + labels
                        + "qdrant/traefik_labels/1 | " + tr,
                "traefik.routing.entry-point ERROR phoenix_stacks_config.json#/docker_stacks/qdrant_service" + labels
                        + "qdrant/traefik_labels/1 | " + tr + ":22:3#/entryPoints/web",
                "traefik.routing.entry-point ERROR stacks/portainer_service/phoenix.json#" + labels
                        + "portainer/traefik_labels/1 | " + tr + ":22:3#/entryPoints/web",
                "traefik.routing.entry-point ERROR stacks/qdrant_service/phoenix.json#" + labels
                        + "qdrant/traefik_labels/1 | " + tr + ":22:3#/entryPoints/web",
                "traefik.routing.labels-ignored ERROR phoenix_stacks_config.json#/docker_stacks/portainer_service" + labels
                        + "portainer/traefik_labels/1 | " + tr + ":28:3#/providers/file",
                "traefik.routing.labels-ignored ERROR phoenix_stacks_config.json#/docker_stacks/qdrant_service" + labels
                        + "qdrant/traefik_labels/1 | " + tr + ":28:3#/providers/file",
                "traefik.routing.labels-ignored ERROR stacks/portainer_service/phoenix.json#" + labels
                        + "portainer/traefik_labels/1 | " + tr + ":28:3#/providers/file",
                "traefik.routing.labels-ignored ERROR stacks/qdrant_service/phoenix.json#" + labels
                        + "qdrant/traefik_labels/1 | " + tr + ":28:3#/providers/file",
                "traefik.routing.loop ERROR phoenix_lxc_configs.json:465:32#/lxc_configs/101/traefik_service | "
                        + site + ":72:9"), got);
        Finding port = r.findings().stream().filter(f -> f.checkId().equals(GatewayUpstreamCheck.PORT)).findFirst()
                .orElseThrow();
        assertEquals("Nginx proxies to Traefik on port 8443, where Traefik has no entry point", port.title());
        assertEquals(ref + "/" + site + ":24:5: proxy_pass goes to https://traefik.internal.homelab.example:8443"
                + " (traefik.internal.homelab.example is the name of the certificate-manifest entry"
                + " traefik.internal.homelab.example, renewed into Traefik-Internal (10.0.0.12)), but Traefik's entry"
                + " points are [web :80, traefik :8080]; nothing listens on 8443, so every request gets connection"
                + " refused (502).", port.message());
        assertEquals(2, port.evidence().size());
        Finding blocked = r.findings().stream().filter(f -> f.checkId().equals("firewall.flow-blocked")
                && f.subjects().contains("10.0.0.12:8443/tcp")).findFirst().orElseThrow();
        assertEquals(List.of("phoenix_lxc_configs.json:810:25#/lxc_configs/102/firewall", site + ":24:5"),
                blocked.evidence().stream().flatMap(e -> e.location().stream()).map(l -> loc(l, ref)).toList());
    }

    @Test
    void nginxDecidesTheGatewayFlowsPortsAndSchemes() {
        String ref = Fixtures.reference().toString();
        Report r = Diagnosis.of(Fixtures.reference()).run();
        List<String> got = r.flows().stream().filter(f -> f.source().equals("lxc:101") && f.destination().equals("lxc:102"))
                .map(f -> f.id() + " " + f.scheme() + " " + f.purpose() + " " + f.summary() + " "
                        + f.impliedBy().stream().map(e -> e.location().map(l -> loc(l, ref)).orElse("")).toList())
                .toList();
        String site = "nginx/sites-available/gateway";
        assertEquals(List.of(
                "lxc:101->lxc:102/tcp/80 http nginx: proxy_pass http://10.0.0.12:80 ALLOWED [" + site + ":10:9, " + site
                        + ":54:9, phoenix_lxc_configs.json:778:16#/lxc_configs/102]",
                "lxc:101->lxc:102/tcp/8443 https nginx: proxy_pass https://traefik.internal.homelab.example:8443 BLOCKED_DESTINATION_INGRESS ["
                        + site + ":24:5]"), got);
    }

    @Test
    void withoutTheNginxFlowTheUpstreamCheckReportsTheBlockedProxyPassItself() {
        String ref = Fixtures.reference().toString();
        Report r = Diagnosis.builder().directory(Fixtures.reference()).flowContributors(List.of()).build().run();
        assertEquals(36, r.flows().size());
        List<String> got = r.findings().stream().filter(f -> f.checkId().equals(GatewayUpstreamCheck.FIREWALL))
                .map(f -> f.severity() + " " + f.locations().stream().map(l -> loc(l, ref)).toList() + " " + f.title())
                .toList();
        assertEquals(List.of("ERROR [nginx/sites-available/gateway:24:5, phoenix_lxc_configs.json:810:25#/lxc_configs/102/firewall]"
                + " The firewall blocks the gateway's proxy_pass to Traefik-Internal (10.0.0.12) on tcp/8443"), got);
    }
}
