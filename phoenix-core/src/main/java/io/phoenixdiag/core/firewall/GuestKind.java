package io.phoenixdiag.core.firewall;

/** The kind of a Proxmox guest, which sets its subject prefix in reports. */
public enum GuestKind {
    /** An LXC container (CTID); subject {@code lxc:<id>}; NIC device {@code veth<id>i<n>}. */
    LXC,
    /** A QEMU virtual machine (VMID); subject {@code vm:<id>}; NIC device {@code tap<id>i<n>}. */
    VM;

    /**
     * The report subject of a guest of this kind.
     *
     * @param vmid the VMID/CTID
     * @return such as {@code lxc:103} or {@code vm:1001}
     */
    public String subject(int vmid) {
        return (this == LXC ? "lxc:" : "vm:") + vmid;
    }
}
