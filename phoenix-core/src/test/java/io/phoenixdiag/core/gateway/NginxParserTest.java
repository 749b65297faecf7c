package io.phoenixdiag.core.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.phoenixdiag.core.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NginxParserTest {

    private static List<String> messages(NginxConfig c) {
        return c.findings().stream().map(Finding::message).toList();
    }

    @Test
    void blocksDirectivesAndLineNumbers() {
        NginxConfig c = NginxConfig.parse("t.conf", "# comment\nhttp {\n  server {\n    listen 80 default_server;\n  }\n}\n");
        assertEquals(List.of(), c.findings());
        NginxDirective http = c.directives().get(0);
        assertEquals("http", http.name());
        assertTrue(http.block());
        assertEquals(Location.ofLine("t.conf", 2, 1), http.location());
        NginxDirective listen = http.children().get(0).children().get(0);
        assertEquals(List.of("80", "default_server"), listen.args());
        assertEquals(Location.ofLine("t.conf", 4, 5), listen.location());
        assertEquals(List.of(listen), c.find("listen"));
    }

    @Test
    void quotingEscapesAndVariables() {
        NginxConfig c = NginxConfig.parse("q.conf",
                "a 'x y' \"say \\\"hi\\\"\" 'it\\'s' \"\\d\\t\" $host${uri}x a#b a\\;b \"\";\n");
        assertEquals(List.of(), c.findings());
        assertEquals(List.of("x y", "say \"hi\"", "it's", "\\d\t", "$host${uri}x", "a#b", "a\\;b", ""),
                c.directives().get(0).args());
    }

    @Test
    void mapBlockKeepsVariablesAsText() {
        NginxConfig c = NginxConfig.parse("m.conf", "map $host $up {\n  default https://a:1;\n  ~^x\\.y$ \"b\";\n}\n");
        assertEquals(List.of(), c.findings());
        NginxDirective map = c.directives().get(0);
        assertEquals(List.of("$host", "$up"), map.args());
        assertEquals(List.of("https://a:1"), map.children().get(0).args());
        assertEquals("default", map.children().get(0).name());
        assertEquals("~^x\\.y$", map.children().get(1).name());
        assertEquals(List.of("b"), map.children().get(1).args());
    }

    @Test
    void missingSemicolonIsAFindingAndParsingGoesOn() {
        NginxConfig c = NginxConfig.parse("e.conf", "server {\n  listen 80\n}\nserver {\n  listen 81;\n}\n");
        assertEquals(List.of("e.conf:3:1: unexpected \"}\" after directive \"listen\" at line 2, column 3;"
                + " expected \";\" or \"{\"."), messages(c));
        assertEquals(Location.ofLine("e.conf", 3, 1), c.findings().get(0).locations().get(0));
        assertEquals(NginxConfig.SYNTAX_CHECK, c.findings().get(0).checkId());
        assertEquals(2, c.directives().size());
        assertEquals(List.of("81"), c.directives().get(1).children().get(0).args());
    }

    @Test
    void strayCloseUnclosedBlockAndUnterminatedString() {
        NginxConfig c = NginxConfig.parse("e.conf", "}\na 1;\nb {\n c 'x;\n");
        assertEquals(List.of(
                "e.conf:1:1: unexpected \"}\"; expected a directive.",
                "e.conf:4:4: the string opened with ' here is not closed before the end of the file (line 5, column 1);"
                        + " expected closing '."),
                messages(c));
        assertEquals(List.of("a", "b"), c.directives().stream().map(NginxDirective::name).toList());
        assertEquals(List.of(), c.directives().get(1).children());
    }

    @Test
    void unclosedBlockAndTextAfterQuote() {
        NginxConfig c = NginxConfig.parse("e.conf", "a \"x\"y;\nb {\n");
        assertEquals(List.of(
                "e.conf:1:6: unexpected \"y\" after a quoted string; expected whitespace, \";\" or \"{\".",
                "e.conf:3:1: unexpected end of file (block opened at line 2, column 3 is not closed); expected \"}\"."),
                messages(c));
        assertEquals(List.of("x", "y"), c.directives().get(0).args());
    }

    @Test
    void emptyDirectiveNameIsAFindingAndDropped() {
        NginxConfig c = NginxConfig.parse("e.conf", "\"\" x;\n'' { y; }\nz;\n");
        assertEquals(List.of("e.conf:1:1: empty directive name; expected a directive name.",
                "e.conf:2:1: empty directive name; expected a directive name."), messages(c));
        assertEquals(List.of("z"), c.directives().stream().map(NginxDirective::name).toList());
    }

    @Test
    void includesResolveAgainstRootWithGlobs(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("sites-enabled"));
        Files.writeString(root.resolve("sites-enabled/b.conf"), "server { listen 2; }\n");
        Files.writeString(root.resolve("sites-enabled/a.conf"), "server { listen 1; }\n");
        Files.writeString(root.resolve("sites-enabled/a.txt"), "broken {\n");
        Files.writeString(root.resolve("nginx.conf"),
                "http {\n  include sites-enabled/*.conf;\n  include conf.d/*.conf;\n  include missing.conf;\n}\n");
        NginxConfig c = NginxConfig.load(root.resolve("nginx.conf"), root);
        NginxDirective http = c.directives().get(0);
        assertEquals(List.of("server", "server"), http.children().stream().map(NginxDirective::name).toList());
        NginxDirective first = http.children().get(0).children().get(0);
        assertEquals(List.of("1"), first.args());
        assertEquals(Location.ofLine(root.resolve("sites-enabled/a.conf").toString(), 1, 10), first.location());
        assertEquals(List.of(root.resolve("nginx.conf").toString(), root.resolve("sites-enabled/a.conf").toString(),
                root.resolve("sites-enabled/b.conf").toString()), c.files());
        assertEquals(1, c.findings().size());
        assertEquals(NginxConfig.INCLUDE_CHECK, c.findings().get(0).checkId());
        assertEquals(Location.ofLine(root.resolve("nginx.conf").toString(), 4, 3), c.findings().get(0).locations().get(0));
    }

    @Test
    void includeCycleIsCut(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("a.conf"), "x 1;\ninclude a.conf;\n");
        NginxConfig c = NginxConfig.load(root.resolve("a.conf"), root);
        assertEquals(List.of("x"), c.directives().stream().map(NginxDirective::name).toList());
        assertEquals(List.of("nginx include cycle"), c.findings().stream().map(Finding::title).toList());
    }

    @Test
    void missingMainFileIsAFinding(@TempDir Path root) {
        NginxConfig c = NginxConfig.load(root.resolve("none.conf"), root);
        assertEquals(List.of(), c.directives());
        assertEquals(List.of("nginx configuration file unreadable"), c.findings().stream().map(Finding::title).toList());
    }

    @Test
    void parseKeepsIncludeAsDirective() {
        NginxConfig c = NginxConfig.parse("i.conf", "include /etc/nginx/mime.types;\n");
        assertEquals(List.of("/etc/nginx/mime.types"), c.directives().get(0).args());
    }

    @Test
    void referenceGatewaySiteParsesCleanly() {
        Path site = Fixtures.shared().resolve("reference/phoenix").resolve("nginx/sites-available/gateway");
        NginxConfig c = NginxConfig.load(site, site.getParent().getParent());
        assertEquals(List.of(), c.findings());
        assertEquals(List.of("server", "map", "server"), c.directives().stream().map(NginxDirective::name).toList());
        NginxDirective https = c.directives().get(2);
        assertEquals(Location.ofLine(site.toString(), 29, 1), https.location());
        NginxDirective ciphers = https.child("ssl_ciphers").orElseThrow();
        assertEquals(List.of("TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:"
                + "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384"), ciphers.args());
        assertEquals(45, ciphers.location().line());
        NginxDirective conn = c.find("proxy_set_header").stream().filter(d -> d.arg(0).equals("Connection"))
                .findFirst().orElseThrow();
        assertEquals(List.of("Connection", ""), conn.args());
        assertEquals(Location.ofLine(site.toString(), 69, 9), conn.location());
    }
}
