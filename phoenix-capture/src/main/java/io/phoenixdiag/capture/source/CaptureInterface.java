package io.phoenixdiag.capture.source;

import java.util.List;
import java.util.Objects;

/**
 * A network interface libpcap can capture on: a bridge such as {@code vmbr0}, a guest's {@code veth}/{@code tap}
 * device, a firewall bridge {@code fwbr}/{@code fwln}, {@code lo}, or {@code any}.
 *
 * @param name        the interface name
 * @param description libpcap's description, or {@code ""}
 * @param addresses   its IP addresses as text
 * @param loopback    whether it is a loopback interface
 * @param up          whether it is up
 */
public record CaptureInterface(String name, String description, List<String> addresses, boolean loopback, boolean up) {
    /**
     * Copies the addresses.
     *
     * @param name        the name
     * @param description the description
     * @param addresses   the addresses
     * @param loopback    loopback
     * @param up          up
     */
    public CaptureInterface {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        addresses = List.copyOf(addresses);
    }
}
