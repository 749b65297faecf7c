package io.phoenixdiag.core.topology;

/**
 * The two kinds of Proxmox guest.
 */
public enum GuestKind {
    /** An LXC container, identified by its CTID ({@code pct}). */
    LXC("lxc"),
    /** A QEMU virtual machine, identified by its VMID ({@code qm}). */
    VM("vm");

    private final String prefix;

    GuestKind(String prefix) {
        this.prefix = prefix;
    }

    /**
     * The subject prefix used in reports.
     *
     * @return {@code lxc} or {@code vm}
     */
    public String prefix() {
        return prefix;
    }
}
