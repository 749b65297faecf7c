package io.phoenixdiag.core.crosslayer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.diag.Finding;
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

    @Test
    void filesThatLinkOutsideTheDeploymentAreNotRead(@TempDir Path elsewhere) throws IOException {
        Path shadow = Files.writeString(elsewhere.resolve("shadow"), "root:$6$salt$hash:20228:0:99999:7:::\n");
        Files.writeString(elsewhere.resolve("evil.conf"), "server { listen 99; }\n");
        write("traefik/dynamic/a.yml", "http: {routers: {a: {rule: 'Host(`a`)'}}}\n");
        Files.createSymbolicLink(dir.resolve("traefik/dynamic/c.yml"), shadow);
        Files.createSymbolicLink(dir.resolve("traefik/traefik.yml"), shadow);
        write("nginx/sites-enabled/b", "server { listen 81; include " + elsewhere.resolve("evil.conf") + "; }\n");
        Files.createSymbolicLink(dir.resolve("nginx/sites-enabled/c"), shadow);
        GatewayConfigs c = GatewayConfigs.discover(dir);
        String dyn = dir.resolve("traefik/dynamic/c.yml").toString();
        assertEquals(List.of(dyn + " points outside " + dir + " (through a symbolic link or an absolute or ../ path);"
                + " it is not read and its configuration is not checked."), c.traefikDynamic().get(1).findings()
                .stream().map(Finding::message).toList());
        assertEquals(List.of("a"), c.traefikDynamic().get(0).routers().stream().map(r -> r.name()).toList());
        assertEquals(List.of(dir.resolve("traefik/traefik.yml") + " points outside " + dir + " (through a symbolic"
                + " link or an absolute or ../ path); it is not read and its configuration is not checked."),
                c.traefikStatic().orElseThrow().findings().stream().map(Finding::message).toList());
        String site = dir.resolve("nginx/sites-enabled/b").toString();
        assertEquals(List.of(elsewhere.resolve("evil.conf") + " (referenced at " + site + ":1:21) points outside "
                + dir.resolve("nginx") + " (through a symbolic link or an absolute or ../ path); it is not read and"
                + " its configuration is not checked."), c.nginxSites().get(0).findings().stream()
                .map(Finding::message).toList());
        assertEquals(List.of(81), c.nginxSites().get(0).servers().get(0).listens().stream().map(l -> l.port()).toList());
        assertEquals(List.of("gateway.nginx-include " + dir.resolve("nginx/sites-enabled/c")),
                c.nginxSites().get(1).findings().stream().map(f -> f.checkId() + " " + f.locations().get(0)).toList());
        assertEquals(List.of(false, false, false, false), java.util.stream.Stream.of(c.nginxSites().get(1).findings(),
                c.nginxSites().get(0).findings(), c.traefikDynamic().get(1).findings(),
                c.traefikStatic().orElseThrow().findings()).map(fs -> fs.toString().contains("$6$")).toList());
    }

    @Test
    void filesThatAreNotUtf8AreReadWithAFindingNamingTheFirstBadByte() throws IOException {
        Files.createDirectories(dir.resolve("nginx/sites-enabled"));
        Files.createDirectories(dir.resolve("traefik/dynamic"));
        Files.write(dir.resolve("nginx/sites-enabled/a"),
                "server {\n  # caf\u00e9\n  listen 81;\n}\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Files.write(dir.resolve("nginx/sites-enabled/b"), new byte[] {'x', ' ', (byte) 0xff, (byte) 0xfe, 0, ';'});
        Files.write(dir.resolve("traefik/dynamic/a.yml"),
                "http:\n  # caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        GatewayConfigs c = GatewayConfigs.discover(dir);
        String a = dir.resolve("nginx/sites-enabled/a").toString();
        assertEquals(List.of("WARNING " + a + ":2:8: the file is not valid UTF-8 from here on (first invalid byte);"
                + " nginx reads bytes, so this is legal in comments and strings, but names and addresses must be"
                + " ASCII. Invalid bytes are read as U+FFFD."), c.nginxSites().get(0).findings().stream()
                .map(f -> f.severity() + " " + f.message()).toList());
        assertEquals(81, c.nginxSites().get(0).servers().get(0).listens().get(0).port());
        String b = dir.resolve("nginx/sites-enabled/b").toString();
        assertEquals(List.of("gateway.nginx-syntax WARNING " + b + ":1:3", "gateway.nginx-unknown-directive WARNING "
                + b + ":1:1"), c.nginxSites().get(1).findings().stream().map(f -> f.checkId() + " " + f.severity()
                + " " + f.locations().get(0)).toList());
        String y = dir.resolve("traefik/dynamic/a.yml").toString();
        assertEquals(List.of("ERROR " + y + ":2:8: invalid UTF-8 byte; YAML files must be UTF-8 (YAML 1.2 section"
                + " 5.2), so Traefik cannot read this file and nothing in it takes effect."), c.traefikDynamic().get(0)
                .findings().stream().map(f -> f.severity() + " " + f.message()).toList());
    }
}
