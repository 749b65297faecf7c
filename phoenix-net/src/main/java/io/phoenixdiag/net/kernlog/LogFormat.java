package io.phoenixdiag.net.kernlog;

/** The form a kernel LOG line was written in. */
public enum LogFormat {
    /** {@code dmesg}: {@code [12345.678901] PREFIX IN=...} (seconds since boot). */
    DMESG,
    /** {@code dmesg -T}: {@code [Thu Jan 15 10:00:00 2026] PREFIX IN=...}. */
    DMESG_TIME,
    /**
     * {@code journalctl -k}, {@code /var/log/kern.log} and syslog: {@code Jan 15 10:00:00 host kernel: PREFIX IN=...}
     * (RFC 3164 time stamp), optionally with the {@code [12345.678901]} boot time after {@code kernel:}.
     */
    SYSLOG,
    /** rsyslog's high-precision form or {@code journalctl -o short-iso}: {@code 2026-01-15T10:00:00.123456+00:00 host kernel: ...}. */
    SYSLOG_ISO,
    /** pve-firewall's {@code /var/log/pve-firewall.log}: {@code 100 5 tap100i0-IN 15/Jan/2026:10:00:00 +0000 policy DROP: IN=...}. */
    PVE_FIREWALL,
    /** A bare LOG message without any header: {@code PREFIX IN=...}. */
    BARE
}
