package io.phoenixdiag.core.firewall;

import io.phoenixdiag.core.diag.Severity;

/** The kinds of rule-set analysis results, each with its stable check id and severity. */
public enum IssueKind {
    /** A rule identical to an earlier one (same fields, comment and log level aside). */
    DUPLICATE("firewall.duplicate-rule", Severity.WARNING),
    /** Earlier rule(s), at least one with a different action, match every packet the rule matches. */
    SHADOWED("firewall.shadowed-rule", Severity.WARNING),
    /** Earlier rule(s) with the same action match every packet the rule matches. */
    REDUNDANT("firewall.redundant-rule", Severity.INFO),
    /** The rule can never match: pve-firewall refuses or skips it, or it matches no packet. */
    NEVER_MATCHES("firewall.never-matches", Severity.WARNING),
    /** An IN ACCEPT rule without a source restriction on ports that are not public. */
    BROAD_INGRESS("firewall.broad-ingress", Severity.WARNING),
    /** An inbound datacenter rule that looks meant for a guest, which it cannot filter. */
    DATACENTER_RULE_FOR_GUEST("firewall.datacenter-rule-for-guest", Severity.WARNING);

    private final String checkId;
    private final Severity severity;

    IssueKind(String checkId, Severity severity) {
        this.checkId = checkId;
        this.severity = severity;
    }

    /**
     * The stable check id used in findings.
     *
     * @return such as {@code firewall.shadowed-rule}
     */
    public String checkId() {
        return checkId;
    }

    /**
     * The severity of findings of this kind.
     *
     * @return the severity
     */
    public Severity severity() {
        return severity;
    }
}
