package io.phoenixdiag.core.gateway;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Objects;

/**
 * A {@code resolver} directive (nginx {@code ngx_http_core_module}, "resolver"): the DNS servers nginx
 * uses to resolve names in variable {@code proxy_pass} targets at run time. Immutable and thread-safe.
 *
 * @param addresses    the name servers as written ({@code 10.0.0.13}, {@code [::1]:5353}...), in order
 * @param validSeconds the {@code valid=} override of the answers' TTL in seconds, or {@code 0} when absent
 *                     (answers are cached for their TTL)
 * @param ipv6         {@code false} when {@code ipv6=off} is given, else {@code true}
 * @param location     where the directive is written
 */
public record NginxResolver(List<String> addresses, long validSeconds, boolean ipv6, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param addresses the addresses
     * @param validSeconds the valid override in seconds or 0
     * @param ipv6 the ipv6 flag
     * @param location the location
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code validSeconds} is negative
     */
    public NginxResolver {
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(location, "location");
        if (validSeconds < 0) {
            throw new IllegalArgumentException("validSeconds must be >= 0");
        }
    }
}
