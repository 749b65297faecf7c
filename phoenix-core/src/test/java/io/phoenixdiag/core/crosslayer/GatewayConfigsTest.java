package io.phoenixdiag.core.crosslayer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.gateway.TraefikDynamicConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigsTest {

    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void discoversEnabledSitesTheFirstStaticFileAndEveryDynamicFile() throws IOException {
        write("nginx/sites-available/a", "server { listen 80; }\n");
        write("nginx/sites-enabled/b", "server { listen 81; }\n");
        write("traefik/traefik.yml.template", "entryPoints: {web: {address: ':80'}}\n");
        write("traefik/traefik.yml", "entryPoints: {web: {address: ':81'}}\n");
        write("traefik/dynamic/b.yml", "http: {routers: {b: {rule: 'Host(`b`)'}}}\n");
        write("traefik/dynamic/a.yml", "http: {routers: {a: {rule: 'Host(`a`)'}}}\n");
        write("traefik/dynamic/notes.txt", "not yaml: [\n");
        write("traefik/dynamic_conf.yml", "http: {routers: {c: {rule: 'Host(`c`)'}}}\n");
        GatewayConfigs c = GatewayConfigs.discover(dir);
        assertEquals(1, c.nginxSites().size());
        assertEquals(81, c.nginxSites().get(0).servers().get(0).listens().get(0).port());
        assertEquals(81, c.traefikStatic().orElseThrow().entryPoints().get(0).port());
        assertEquals(List.of("a", "b", "c"), c.traefikDynamic().stream()
                .map(d -> d.routers().get(0).name()).toList());
        assertEquals(List.of(TraefikDynamicConfig.FILE), c.traefikDynamic().stream().map(TraefikDynamicConfig::source)
                .distinct().toList());
    }

    @Test
    void discoversTomlStaticAndDynamicFilesAfterYaml() throws IOException {
        write("traefik/traefik.toml.template", "# static\n[entryPoints.web]\naddress = \":82\"\n");
        write("traefik/dynamic/a.toml", "[http.routers.t]\nrule = \"Host(`t`)\"\n");
        write("traefik/dynamic/b.yml", "http: {routers: {b: {rule: 'Host(`b`)'}}}\n");
        GatewayConfigs c = GatewayConfigs.discover(dir);
        assertEquals(82, c.traefikStatic().orElseThrow().entryPoints().get(0).port());
        assertEquals(2, c.traefikStatic().orElseThrow().entryPoints().get(0).location().line());
        assertEquals(List.of("b", "t"), c.traefikDynamic().stream().map(d -> d.routers().get(0).name()).toList());
        assertEquals(List.of(1, 1), c.traefikDynamic().stream().map(d -> d.routers().get(0).location().line()).toList());

        write("traefik/traefik.toml", "[entryPoints.web]\naddress = \":83\"\n");
        assertEquals(83, GatewayConfigs.discover(dir).traefikStatic().orElseThrow().entryPoints().get(0).port());
        write("traefik/traefik.yml", "entryPoints: {web: {address: ':84'}}\n");
        assertEquals(84, GatewayConfigs.discover(dir).traefikStatic().orElseThrow().entryPoints().get(0).port());
    }

    @Test
    void nothingThereIsEmpty() {
        GatewayConfigs c = GatewayConfigs.discover(dir.resolve("missing"));
        assertTrue(c.isEmpty());
        assertEquals(GatewayConfigs.NONE, c);
    }
}
