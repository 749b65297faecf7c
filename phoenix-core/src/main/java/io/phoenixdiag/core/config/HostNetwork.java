package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The hypervisor config's {@code network} section.
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param interfaces          {@code interfaces} (an object is one interface)
 * @param defaultSubnet       CIDR, or {@code ""}
 * @param nfsServer           {@code nfs_server}, or {@code ""}
 * @param fallbackDns         {@code fallback_dns}, or {@code ""}
 * @param portainerServerIp   {@code portainer_server_ip}, or {@code ""}
 * @param portainerServerPort {@code portainer_server_port}
 * @param portainerAgentPort  {@code portainer_agent_port}
 * @param externalRegistryUrl {@code external_registry_url}, or {@code ""}
 * @param extraFields         fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location            where this network section was read (file, JSON pointer, line, column)
 */
public record HostNetwork(List<HostInterface> interfaces, String defaultSubnet, String nfsServer, String fallbackDns, String portainerServerIp, OptionalInt portainerServerPort, OptionalInt portainerAgentPort, String externalRegistryUrl, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param interfaces the interfaces
     * @param defaultSubnet the default subnet
     * @param nfsServer the nfs server
     * @param fallbackDns the fallback dns
     * @param portainerServerIp the portainer server ip
     * @param portainerServerPort the portainer server port
     * @param portainerAgentPort the portainer agent port
     * @param externalRegistryUrl the external registry url
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public HostNetwork {
        interfaces = List.copyOf(interfaces);
        Objects.requireNonNull(defaultSubnet, "defaultSubnet");
        Objects.requireNonNull(nfsServer, "nfsServer");
        Objects.requireNonNull(fallbackDns, "fallbackDns");
        Objects.requireNonNull(portainerServerIp, "portainerServerIp");
        Objects.requireNonNull(portainerServerPort, "portainerServerPort");
        Objects.requireNonNull(portainerAgentPort, "portainerAgentPort");
        Objects.requireNonNull(externalRegistryUrl, "externalRegistryUrl");
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
