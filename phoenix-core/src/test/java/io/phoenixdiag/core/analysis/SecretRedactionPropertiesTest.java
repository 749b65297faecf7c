package io.phoenixdiag.core.analysis;

import static io.phoenixdiag.core.testing.Fixtures.globalFirewall;
import static io.phoenixdiag.core.testing.Fixtures.hypervisor;
import static io.phoenixdiag.core.testing.Fixtures.lxc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.phoenixdiag.core.config.SecretOccurrence;
import io.phoenixdiag.core.diag.Report;
import io.phoenixdiag.core.diag.ReportRenderer;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random secret values written into every kind of secret field appear in no rendering of the diagnosis. */
class SecretRedactionPropertiesTest {

    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars('-', '_', '!', '%').ofMinLength(12).ofMaxLength(24).map(s -> "S" + s);
    }

    @Property(tries = 25)
    void noSecretReachesARenderer(@ForAll("secrets") String password, @ForAll("secrets") String token,
                                  @ForAll("secrets") String dbPass, @ForAll("secrets") String keyBody) throws IOException {
        Path tmp = Files.createTempDirectory("secrets");
        try {
            String pem = "-----BEGIN EC PRIVATE KEY-----\\n" + keyBody + "\\n-----END EC PRIVATE KEY-----";
            Fixtures.Dir d = Fixtures.in(tmp)
                    .hypervisor(hypervisor(globalFirewall(""), "", "'portainer_api': {'admin_user': 'admin',"
                            + " 'admin_password': '" + password + "'}, 'notes': '" + pem + "'"))
                    .lxc(lxc(101, "app", "10.0.0.20", "'api_token': '" + token + "'"))
                    .write("phoenix_stacks_config.json", "{'docker_stacks': {'app': {'environments': {'production':"
                            + " {'variables': [{'name': 'DATABASE_PASS', 'value': '" + dbPass + "'}]}}}}}");
            Diagnosis diagnosis = d.diagnosis().build();
            List<SecretOccurrence> found = diagnosis.loaded().value().secrets();
            assertEquals(new java.util.HashSet<>(List.of(password, token, dbPass, pem.replace("\\n", "\n"))),
                    found.stream().map(s -> s.value().reveal()).collect(Collectors.toSet()));
            Report report = diagnosis.run();
            assertEquals(4, report.findings().stream().filter(f -> f.checkId().equals("secrets.plaintext")).count());
            assertEquals(1, report.findings().stream().filter(f -> f.severity() == Severity.CRITICAL).count());
            for (ReportRenderer r : List.of(ReportRenderer.text(false), ReportRenderer.text(true), ReportRenderer.json(),
                    ReportRenderer.markdown())) {
                String out = r.render(report);
                for (String s : List.of(password, token, dbPass, keyBody)) {
                    assertFalse(out.contains(s), "secret leaked into " + r);
                }
            }
        } finally {
            try (var files = Files.walk(tmp)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
