package io.phoenixdiag.core.firewall;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One result of the rule-set analysis. Immutable and thread-safe.
 *
 * @param kind          what was found
 * @param subject       the rule list's owner: {@code lxc:103}, {@code vm:1001}, {@code host} or {@code datacenter}
 * @param ruleNumber    the 1-based position of the rule in its list
 * @param rule          the rule
 * @param coveringRules for DUPLICATE, SHADOWED and REDUNDANT the 1-based numbers of the earlier rules
 *                      that cover it; else empty
 * @param related       further subjects (the guests a datacenter rule seems meant for); else empty
 * @param message       the explanation, one or more sentences
 * @param remediation   what to change
 */
public record RuleIssue(IssueKind kind, String subject, int ruleNumber, FirewallRule rule, List<Integer> coveringRules,
                        List<String> related, String message, String remediation) {

    /**
     * Validates and copies the components.
     *
     * @param kind the kind
     * @param subject the subject
     * @param ruleNumber the rule number
     * @param rule the rule
     * @param coveringRules the covering rules
     * @param related related subjects
     * @param message the message
     * @param remediation the remediation
     * @throws NullPointerException if a component is null
     */
    public RuleIssue {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(remediation, "remediation");
        coveringRules = List.copyOf(coveringRules);
        related = List.copyOf(related);
    }

    /**
     * Where the rule was written.
     *
     * @return the rule's origin, when known
     */
    public Optional<Location> location() {
        return rule.origin();
    }

    /**
     * The issue as a report finding (check id and severity from {@link #kind()}).
     *
     * @return the finding, with the rule's text as evidence and its location
     */
    public Finding toFinding() {
        String title = switch (kind) {
            case DUPLICATE -> "Duplicate firewall rule";
            case SHADOWED -> "Firewall rule shadowed by earlier rules";
            case REDUNDANT -> "Redundant firewall rule";
            case NEVER_MATCHES -> "Firewall rule never matches";
            case BROAD_INGRESS -> "Inbound rule accepts any source";
            case DATACENTER_RULE_FOR_GUEST -> "Datacenter rule cannot filter guest traffic";
        };
        Finding.Builder b = Finding.builder(kind.checkId(), kind.severity())
                .title(title + " (" + subject + " rule " + ruleNumber + ")")
                .message(message).remediation(remediation).subject(subject);
        related.forEach(b::subject);
        if (rule.origin().isPresent()) {
            b.evidence(io.phoenixdiag.core.diag.Evidence.of(subject + " rule " + ruleNumber + ": " + rule.text(),
                    rule.origin().get()));
            b.location(rule.origin().get());
        } else {
            b.evidence(subject + " rule " + ruleNumber + ": " + rule.text());
        }
        return b.build();
    }
}
