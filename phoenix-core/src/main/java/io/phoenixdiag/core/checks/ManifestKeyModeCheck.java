package io.phoenixdiag.core.checks;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.config.CertificateEntry;
import io.phoenixdiag.core.config.CertificateManifest;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Private keys the certificate manifest lets others read.
 *
 * <p>The manifest's {@code permissions} (octal, chmod(1) notation) applies to the key file as well as
 * the certificate in the deployment's certificate manager. A key readable or writable by "others" (the
 * last octal digit non-zero) is an ERROR ({@code manifest.key-readable-by-others}): every account on the
 * host or guest can copy it. {@code 640} for a service group (e.g. {@code root:www-data}) is fine. A
 * value that is not 3 or 4 octal digits is a WARNING ({@code manifest.invalid-permissions}).
 * Stateless and thread-safe.
 */
public final class ManifestKeyModeCheck extends ModelCheck {
    /** Creates the check (for {@link java.util.ServiceLoader}). */
    public ManifestKeyModeCheck() {
    }

    @Override
    public String id() {
        return "manifest.key-mode";
    }

    @Override
    public String description() {
        return "Private keys the certificate manifest makes readable by others";
    }

    @Override
    List<Finding> run(DeploymentModel model) {
        List<Finding> out = new ArrayList<>();
        List<CertificateEntry> entries = model.deployment().certificateManifest()
                .map(CertificateManifest::entries).orElse(List.of());
        for (CertificateEntry e : entries) {
            String p = e.permissions().trim();
            Location at = UnknownReferenceCheck.at(e.location(), "/permissions");
            if (p.isEmpty()) {
                continue;
            }
            if (!p.matches("[0-7]{3,4}")) {
                out.add(Finding.builder("manifest.invalid-permissions", Severity.WARNING)
                        .title("Permissions of " + e.commonName() + " are not an octal mode")
                        .message("permissions is '" + p + "'; expected 3 or 4 octal digits such as 640.")
                        .remediation("Write the mode in octal, e.g. \"640\" for owner read/write and group read.")
                        .subject(e.keyPath().isEmpty() ? e.commonName() : e.keyPath()).location(at).build());
                continue;
            }
            int others = p.charAt(p.length() - 1) - '0';
            if (others != 0 && !e.keyPath().isEmpty()) {
                out.add(Finding.builder("manifest.key-readable-by-others", Severity.ERROR)
                        .title("Private key of " + e.commonName() + " is readable by others (mode " + p + ")")
                        .message("The manifest gives " + e.keyPath() + " mode " + p + ": every account on the"
                                + " machine that mounts it can read the private key and impersonate "
                                + e.commonName() + ".")
                        .remediation("Set permissions to \"600\", or \"640\" with the service's group in owner"
                                + " (e.g. root:www-data).")
                        .subject(e.keyPath())
                        .evidence("owner " + (e.owner().isEmpty() ? "(unset)" : e.owner()) + ", permissions " + p)
                        .location(at).build());
            }
        }
        return out;
    }
}
