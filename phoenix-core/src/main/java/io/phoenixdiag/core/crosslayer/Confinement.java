package io.phoenixdiag.core.crosslayer;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.gateway.NginxConfig;
import io.phoenixdiag.core.gateway.TraefikDynamicConfig;
import io.phoenixdiag.core.gateway.TraefikStaticConfig;
import io.phoenixdiag.core.gateway.internal.Confined;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Discovery's rule that a gateway file whose real path leaves the deployment directory is not read
 * ({@link Confined}); the file then contributes only the finding that says so.
 */
final class Confinement {

    private Confinement() {
    }

    static NginxConfig nginx(Path site, Path includeRoot, Path deployment) {
        Optional<Finding> out = Confined.outside(site, deployment, NginxConfig.INCLUDE_CHECK, Optional.empty());
        return out.map(f -> new NginxConfig(List.of(), List.of(f), List.of(site.toString())))
                .orElseGet(() -> NginxConfig.load(site, includeRoot));
    }

    static TraefikStaticConfig staticConfig(Path file, Path deployment) {
        Optional<Finding> out = Confined.outside(file, deployment, TraefikStaticConfig.SYNTAX_CHECK, Optional.empty());
        if (out.isEmpty()) {
            return TraefikStaticConfig.load(file);
        }
        TraefikStaticConfig empty = TraefikStaticConfig.parse(file.toString(), "{}");
        List<Finding> fs = new ArrayList<>(empty.findings());
        fs.add(out.get());
        return new TraefikStaticConfig(empty.entryPoints(), empty.providers(), empty.api(), empty.ping(),
                empty.certificateResolvers(), empty.serversTransport(), fs);
    }

    static TraefikDynamicConfig dynamicConfig(Path file, Path deployment) {
        Optional<Finding> out = Confined.outside(file, deployment, TraefikStaticConfig.SYNTAX_CHECK, Optional.empty());
        return out.map(f -> new TraefikDynamicConfig(TraefikDynamicConfig.FILE, List.of(), List.of(), List.of(),
                List.of(), List.of(f))).orElseGet(() -> TraefikDynamicConfig.load(file));
    }
}
