package io.phoenixdiag.net.iptables;

/** The fate of a packet at a hook (or along a path of hooks). */
public enum Outcome {
    /** Every table at every hook let the packet pass (ACCEPT, a NAT target, or an ACCEPT policy). */
    ACCEPT,
    /** A DROP rule or DROP policy discarded it silently. */
    DROP,
    /** A REJECT rule discarded it and answered with an ICMP error or TCP reset. */
    REJECT,
    /** A QUEUE / NFQUEUE rule handed it to a user-space program, which decides. */
    QUEUE,
    /** A match or target that cannot be decided changes the outcome; the verdict's reason says which. */
    UNKNOWN
}
