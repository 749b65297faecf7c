package io.phoenixdiag.core.gateway;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code location} block of a server (nginx {@code ngx_http_core_module}, "location"); nested locations
 * are listed after their parent in the server's list. Immutable and thread-safe.
 *
 * @param modifier  the match modifier: {@code ""}, {@code =}, {@code ~}, {@code ~*} or {@code ^~}
 * @param path      the prefix, exact URI or regular expression
 * @param proxyPass the {@code proxy_pass} of this block, or empty
 * @param proxySsl  the effective {@code proxy_ssl_*} settings here (after inheritance)
 * @param returns   the arguments of this block's {@code return} directive (such as {@code 301} and a URL), or
 *                  empty
 * @param location  where the {@code location} directive is written
 */
public record NginxLocation(String modifier, String path, Optional<NginxProxyPass> proxyPass, NginxProxySsl proxySsl,
                            List<String> returns, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param modifier the modifier
     * @param path the path
     * @param proxyPass the proxy_pass
     * @param proxySsl the proxy SSL settings
     * @param returns the return arguments
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public NginxLocation {
        Objects.requireNonNull(modifier, "modifier");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(proxyPass, "proxyPass");
        Objects.requireNonNull(proxySsl, "proxySsl");
        Objects.requireNonNull(location, "location");
        returns = List.copyOf(returns);
    }
}
