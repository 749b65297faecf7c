package io.phoenixdiag.core.gateway;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Objects;

/**
 * An ACME certificate resolver ({@code certificatesResolvers.<name>.acme}; Traefik docs, "ACME").
 * Immutable and thread-safe.
 *
 * @param name                the resolver name routers refer to
 * @param caServer            the ACME directory URL; Let's Encrypt production
 *                            ({@value #LETS_ENCRYPT}) when not set
 * @param caServerSet         whether {@code caServer} is written in the file (else it is Traefik's default)
 * @param email               the account e-mail, or {@code ""}
 * @param storage             the JSON storage file, or {@code ""} (Traefik's default {@code acme.json})
 * @param challenge           {@code http}, {@code tls} or {@code dns}, or {@code ""} when none is configured
 * @param challengeEntryPoint the HTTP-01 challenge's entry point, or {@code ""}
 * @param dnsProvider         the DNS-01 provider name, or {@code ""}
 * @param caCertificates      {@code caCertificates}: PEM files trusted for the ACME server's TLS, in order
 * @param location            where the resolver is configured
 */
public record TraefikCertificateResolver(String name, String caServer, boolean caServerSet, String email,
                                         String storage, String challenge, String challengeEntryPoint,
                                         String dnsProvider, List<String> caCertificates, Location location) {

    /** Traefik's default ACME CA server. */
    public static final String LETS_ENCRYPT = "https://acme-v02.api.letsencrypt.org/directory";

    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param caServer the CA server
     * @param caServerSet whether the CA server is written
     * @param email the e-mail
     * @param storage the storage
     * @param challenge the challenge type
     * @param challengeEntryPoint the challenge entry point
     * @param dnsProvider the DNS provider
     * @param caCertificates the trusted CA files
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public TraefikCertificateResolver {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(caServer, "caServer");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(challengeEntryPoint, "challengeEntryPoint");
        Objects.requireNonNull(dnsProvider, "dnsProvider");
        caCertificates = List.copyOf(caCertificates);
        Objects.requireNonNull(location, "location");
    }
}
