package io.phoenixdiag.core.firewall;

import java.util.Objects;
import java.util.Optional;

/**
 * An inclusive range of addresses of one IP version: a single address, a CIDR network or an
 * {@code a-b} range as Proxmox writes them ({@code -source 10.0.0.1-10.0.0.10}).
 *
 * <p>A CIDR with host bits set is cleaned like pve-firewall's {@code clean_cidr}
 * ({@code 192.168.1.155/24} means {@code 192.168.1.0/24}). Immutable and thread-safe.
 *
 * @param first the lowest address
 * @param last  the highest address, same version, not below {@code first}
 */
public record IpRange(IpAddress first, IpAddress last) {

    /**
     * Validates the components.
     *
     * @param first the lowest address
     * @param last the highest address
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the versions differ or {@code last < first}
     */
    public IpRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (first.version() != last.version()) {
            throw new IllegalArgumentException("range mixes IPv4 and IPv6: " + first + "-" + last);
        }
        if (first.compareTo(last) > 0) {
            throw new IllegalArgumentException("backwards range " + first + "-" + last);
        }
    }

    /**
     * The range holding exactly one address.
     *
     * @param address the address
     * @return the range
     */
    public static IpRange of(IpAddress address) {
        return new IpRange(address, address);
    }

    /**
     * Every address of a version: {@code 0.0.0.0/0} or {@code ::/0}.
     *
     * @param version 4 or 6
     * @return the range
     */
    public static IpRange all(int version) {
        return version == 4 ? new IpRange(IpAddress.ofV4(0), IpAddress.ofV4(0xFFFFFFFFL))
                : new IpRange(new IpAddress(6, 0, 0), new IpAddress(6, -1L, -1L));
    }

    /**
     * The network of a CIDR prefix (host bits of {@code address} are ignored).
     *
     * @param address any address in the network
     * @param prefix  0..32 (IPv4) or 0..128 (IPv6)
     * @return the range
     * @throws IllegalArgumentException if the prefix is out of range
     */
    public static IpRange cidr(IpAddress address, int prefix) {
        int bits = address.bits();
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix /" + prefix + " out of range for IPv" + address.version());
        }
        if (address.version() == 4) {
            long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
            long lo = address.low() & mask;
            return new IpRange(IpAddress.ofV4(lo), IpAddress.ofV4(lo | (~mask & 0xFFFFFFFFL)));
        }
        long hiMask = prefix >= 64 ? -1L : (prefix == 0 ? 0 : -1L << (64 - prefix));
        long loMask = prefix <= 64 ? 0 : (prefix == 128 ? -1L : -1L << (128 - prefix));
        long hi = address.high() & hiMask;
        long lo = address.low() & loMask;
        return new IpRange(new IpAddress(6, hi, lo), new IpAddress(6, hi | ~hiMask, lo | ~loMask));
    }

    /**
     * Parses {@code a}, {@code a/prefix} or {@code a-b}.
     *
     * @param text the text as written
     * @return the range, or empty when the text is none of these forms
     */
    public static Optional<IpRange> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        int dash = s.indexOf('-');
        if (dash > 0) {
            Optional<IpAddress> a = IpAddress.tryParse(s.substring(0, dash).trim());
            Optional<IpAddress> b = IpAddress.tryParse(s.substring(dash + 1).trim());
            if (a.isEmpty() || b.isEmpty() || a.get().version() != b.get().version()
                    || a.get().compareTo(b.get()) > 0) {
                return Optional.empty();
            }
            return Optional.of(new IpRange(a.get(), b.get()));
        }
        int slash = s.indexOf('/');
        if (slash < 0) {
            return IpAddress.tryParse(s).map(IpRange::of);
        }
        Optional<IpAddress> a = IpAddress.tryParse(s.substring(0, slash));
        String p = s.substring(slash + 1);
        if (a.isEmpty() || p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int prefix = Integer.parseInt(p);
        if (prefix > a.get().bits()) {
            return Optional.empty();
        }
        return Optional.of(cidr(a.get(), prefix));
    }

    /**
     * The IP version of the range.
     *
     * @return 4 or 6
     */
    public int version() {
        return first.version();
    }

    /**
     * Whether the range holds an address (of the same version).
     *
     * @param address the address
     * @return true when {@code first <= address <= last}
     */
    public boolean contains(IpAddress address) {
        return address.version() == version() && first.compareTo(address) <= 0 && address.compareTo(last) <= 0;
    }

    /**
     * The CIDR prefix length when the range is exactly one network, else -1.
     *
     * @return 0..128 or -1
     */
    public int prefixLength() {
        for (int p = 0; p <= first.bits(); p++) {
            IpRange net = cidr(first, p);
            if (net.equals(this)) {
                return p;
            }
        }
        return -1;
    }

    /**
     * Renders as Proxmox accepts it: the address for one address, {@code a/n} for a network,
     * else {@code a-b}.
     *
     * @return such as {@code 10.0.0.12}, {@code 10.0.0.0/24} or {@code 10.0.0.1-10.0.0.10}
     */
    @Override
    public String toString() {
        if (first.equals(last)) {
            return first.toString();
        }
        int p = prefixLength();
        return p >= 0 ? first + "/" + p : first + "-" + last;
    }
}
