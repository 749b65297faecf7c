package io.phoenixdiag.core.firewall;

/** Three-valued match result of one rule against one packet, plus "skipped". */
public enum MatchResult {
    /** The rule matches the packet. */
    MATCH,
    /** The rule does not match. */
    NO_MATCH,
    /** Whether it matches cannot be decided from the given configuration. */
    UNKNOWN,
    /** The rule was not used (disabled, refused by pve-firewall, or for another NIC/IP version). */
    SKIPPED
}
