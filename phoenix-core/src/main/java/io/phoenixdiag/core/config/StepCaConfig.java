package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Location;
import java.util.Map;
import java.util.Objects;

/**
 * The Step-CA settings ({@code step_ca}).
 *
 * <p>Immutable and thread-safe; never holds null.
 *
 * @param rootCaName         {@code root_ca_name}
 * @param intermediateCaName {@code intermediate_ca_name}
 * @param dnsName            {@code dns_name} (the CA's reference identity)
 * @param provisionerName    {@code provisioner_name}
 * @param extraFields        fields of this JSON object that the model does not type, by name, as raw compact JSON text with secret values replaced by {@code "<masked>"}; kept so drift is never lost
 * @param location           where this section was read (file, JSON pointer, line, column)
 */
public record StepCaConfig(String rootCaName, String intermediateCaName, String dnsName, String provisionerName, Map<String, String> extraFields, Location location) {

    /**
     * Validates and copies the components.
     *
     * @param rootCaName the root ca name
     * @param intermediateCaName the intermediate ca name
     * @param dnsName the dns name
     * @param provisionerName the provisioner name
     * @param extraFields the extra fields
     * @param location the location
     * @throws NullPointerException if a component is null
     */
    public StepCaConfig {
        Objects.requireNonNull(rootCaName, "rootCaName");
        Objects.requireNonNull(intermediateCaName, "intermediateCaName");
        Objects.requireNonNull(dnsName, "dnsName");
        Objects.requireNonNull(provisionerName, "provisionerName");
        extraFields = io.phoenixdiag.core.internal.OrderedMaps.copy(extraFields);
        Objects.requireNonNull(location, "location");
    }
}
