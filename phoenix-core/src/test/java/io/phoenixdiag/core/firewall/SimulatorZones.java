package io.phoenixdiag.core.firewall;

/**
 * The zones of pve-firewall's simulator tests (test/README): {@code host}, {@code outside} (alias
 * {@code vmbr0/eth0}), {@code nfvm} (guest 999, a NIC without {@code firewall=1}), {@code vm<ID>},
 * {@code vm<ID>i<N>} and {@code ct<ID>}. Test helper shared by the hand-built and the file-driven suites.
 */
public final class SimulatorZones {
    private SimulatorZones() {
    }

    /**
     * The endpoint of a zone.
     *
     * @param z the zone name
     * @return the endpoint
     * @throws IllegalArgumentException for an unknown zone
     */
    public static Endpoint zone(String z) {
        if (z.equals("host")) {
            return Endpoint.host();
        }
        if (z.equals("outside") || z.equals("vmbr0/eth0")) {
            return Endpoint.external("vmbr0");
        }
        if (z.equals("nfvm")) {
            return Endpoint.guest(999);
        }
        if (z.startsWith("vm")) {
            int i = z.indexOf('i');
            return i > 0 ? Endpoint.guest(Integer.parseInt(z.substring(2, i)), "net" + z.substring(i + 1))
                    : Endpoint.guest(Integer.parseInt(z.substring(2)));
        }
        if (z.startsWith("ct")) {
            return Endpoint.guest(Integer.parseInt(z.substring(2)));
        }
        throw new IllegalArgumentException("unknown zone " + z);
    }
}
