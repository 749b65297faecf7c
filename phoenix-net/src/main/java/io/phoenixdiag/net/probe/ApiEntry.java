package io.phoenixdiag.net.probe;

import java.util.List;
import java.util.Objects;

/**
 * One object of a Traefik API listing ({@code /api/http/routers} or {@code /api/http/services}, Traefik v2/v3
 * API documentation): its name, its {@code status} ({@code enabled}, {@code warning} or {@code disabled}) and
 * the texts of its {@code error} field, plus, for a service, each server whose {@code serverStatus} is not
 * {@code UP}. Immutable and thread-safe.
 *
 * @param name        the object's name with its provider, such as {@code portainer@docker}
 * @param status      the status field as served, {@code ""} when absent
 * @param errors      the texts of the {@code error} field, in order; empty when none
 * @param serversDown for a service, the URLs of its servers not {@code UP}; empty otherwise
 */
public record ApiEntry(String name, String status, List<String> errors, List<String> serversDown) {

    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param status the status
     * @param errors the errors
     * @param serversDown the servers not up
     * @throws NullPointerException if a component is null
     */
    public ApiEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        errors = List.copyOf(errors);
        serversDown = List.copyOf(serversDown);
    }

    /**
     * Whether Traefik reports the object healthy: status {@code enabled}, no error, every server up.
     *
     * @return true when healthy
     */
    public boolean healthy() {
        return status.equals("enabled") && errors.isEmpty() && serversDown.isEmpty();
    }
}
