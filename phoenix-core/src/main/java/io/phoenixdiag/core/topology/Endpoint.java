package io.phoenixdiag.core.topology;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One end of a flow: the Proxmox host, a guest, or anything outside the deployment ("external").
 *
 * <p>Its {@link #subject()} is the stable string used throughout reports: {@code host},
 * {@code lxc:103}, {@code vm:1001}, {@code external}. Immutable and thread-safe.
 *
 * @param kind    what sort of endpoint it is
 * @param guestId the CTID/VMID for {@link Kind#LXC} and {@link Kind#VM}, else 0
 */
public record Endpoint(Kind kind, int guestId) implements Comparable<Endpoint> {

    /** The Proxmox host itself. */
    public static final Endpoint HOST = new Endpoint(Kind.HOST, 0);
    /** Anything outside the deployment (clients on the LAN or the internet). */
    public static final Endpoint EXTERNAL = new Endpoint(Kind.EXTERNAL, 0);

    /** The sort of endpoint. */
    public enum Kind {
        /** The Proxmox host. */
        HOST,
        /** An LXC container. */
        LXC,
        /** A virtual machine. */
        VM,
        /** Outside the deployment. */
        EXTERNAL
    }

    /**
     * Validates the components.
     *
     * @param kind    the kind
     * @param guestId the guest id (positive for guests, 0 otherwise)
     * @throws IllegalArgumentException if a guest has a non-positive id or a non-guest has one
     */
    public Endpoint {
        Objects.requireNonNull(kind, "kind");
        boolean guest = kind == Kind.LXC || kind == Kind.VM;
        if (guest && guestId <= 0 || !guest && guestId != 0) {
            throw new IllegalArgumentException("bad guest id " + guestId + " for " + kind);
        }
    }

    /**
     * The endpoint of an LXC container.
     *
     * @param ctid the CTID (positive)
     * @return the endpoint {@code lxc:<ctid>}
     * @throws IllegalArgumentException if the id is not positive
     */
    public static Endpoint lxc(int ctid) {
        return new Endpoint(Kind.LXC, ctid);
    }

    /**
     * The endpoint of a virtual machine.
     *
     * @param vmid the VMID (positive)
     * @return the endpoint {@code vm:<vmid>}
     * @throws IllegalArgumentException if the id is not positive
     */
    public static Endpoint vm(int vmid) {
        return new Endpoint(Kind.VM, vmid);
    }

    /**
     * Parses a subject string as printed by {@link #subject()}.
     *
     * @param subject {@code host}, {@code external}, {@code lxc:N} or {@code vm:N}
     * @return the endpoint
     * @throws IllegalArgumentException if the text is none of these forms
     */
    public static Endpoint parse(String subject) {
        String s = subject.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("host")) {
            return HOST;
        }
        if (s.equals("external")) {
            return EXTERNAL;
        }
        int colon = s.indexOf(':');
        if (colon > 0) {
            String prefix = s.substring(0, colon);
            try {
                int id = Integer.parseInt(s.substring(colon + 1));
                if (prefix.equals("lxc") && id > 0) {
                    return new Endpoint(Kind.LXC, id);
                }
                if (prefix.equals("vm") && id > 0) {
                    return new Endpoint(Kind.VM, id);
                }
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException(
                "expected host, external, lxc:<CTID> or vm:<VMID> but got '" + subject + "'");
    }

    /**
     * Whether this endpoint is a guest.
     *
     * @return true for LXC containers and VMs
     */
    public boolean isGuest() {
        return kind == Kind.LXC || kind == Kind.VM;
    }

    /**
     * The guest id, when this is a guest.
     *
     * @return the CTID/VMID, or empty for the host and external
     */
    public OptionalInt id() {
        return isGuest() ? OptionalInt.of(guestId) : OptionalInt.empty();
    }

    /**
     * The report subject.
     *
     * @return {@code host}, {@code external}, {@code lxc:N} or {@code vm:N}
     */
    public String subject() {
        return switch (kind) {
            case HOST -> "host";
            case EXTERNAL -> "external";
            case LXC -> "lxc:" + guestId;
            case VM -> "vm:" + guestId;
        };
    }

    /**
     * Orders host first, then LXC by id, then VMs by id, then external.
     *
     * @param o the other endpoint
     * @return negative, zero or positive
     */
    @Override
    public int compareTo(Endpoint o) {
        int c = kind.compareTo(o.kind);
        return c != 0 ? c : Integer.compare(guestId, o.guestId);
    }

    /**
     * Same as {@link #subject()}.
     *
     * @return the subject
     */
    @Override
    public String toString() {
        return subject();
    }
}
