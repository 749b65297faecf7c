/**
 * Phoenix Diagnostics PKI: certificate loading, RFC 5280 path validation with precise reasons, RFC 9525
 * names, a certificate builder for labs and tests, trust stores of root filesystems, manifest compliance
 * and a Step-CA client. BouncyCastle stays inside this module.
 *
 * <p>Exports every API package; {@code io.phoenixdiag.pki.internal} stays hidden.
 *
 * @provides io.phoenixdiag.core.diag.Check the root-filesystem trust-store check
 */
module io.phoenixdiag.pki {
    requires transitive io.phoenixdiag.core;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;
    // StepCaStandIn (a loopback-only fixture for labs and tests) serves HTTPS with the JDK's server.
    requires jdk.httpserver;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;

    exports io.phoenixdiag.pki.cert;
    exports io.phoenixdiag.pki.checks;
    exports io.phoenixdiag.pki.describe;
    exports io.phoenixdiag.pki.manifest;
    exports io.phoenixdiag.pki.name;
    exports io.phoenixdiag.pki.path;
    exports io.phoenixdiag.pki.pem;
    exports io.phoenixdiag.pki.stepca;
    exports io.phoenixdiag.pki.truststore;

    // CertificateDescription#toJson serialises the record's components through Jackson.
    opens io.phoenixdiag.pki.describe to com.fasterxml.jackson.databind;

    provides io.phoenixdiag.core.diag.Check with io.phoenixdiag.pki.checks.RootFsCheck;
}
