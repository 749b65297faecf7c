package io.phoenixdiag.core.firewall;

import io.phoenixdiag.core.diag.Location;
import java.util.Optional;

/** One compiled step of a chain: a match with an action, the conntrack filter, a policy, or a skipped rule. */
final class Step {
    static final int RULE = 0;
    static final int CONNTRACK = 1;
    static final int POLICY = 2;
    static final int SKIP = 3;

    final int kind;
    final CRule rule;
    final boolean dropInvalid;
    final Action policy;
    final String label;
    final String skipReason;
    final Optional<Location> location;

    private Step(int kind, CRule rule, boolean dropInvalid, Action policy, String label, String skipReason,
                 Optional<Location> location) {
        this.kind = kind;
        this.rule = rule;
        this.dropInvalid = dropInvalid;
        this.policy = policy;
        this.label = label;
        this.skipReason = skipReason;
        this.location = location;
    }

    static Step rule(CRule r) {
        return new Step(RULE, r, false, null, r.label, "", r.location);
    }

    static Step conntrack(boolean dropInvalid) {
        return new Step(CONNTRACK, null, dropInvalid, null,
                dropInvalid ? "implicit: conntrack INVALID dropped, ESTABLISHED,RELATED accepted"
                        : "implicit: conntrack ESTABLISHED,RELATED accepted (nf_conntrack_allow_invalid)", "",
                Optional.empty());
    }

    static Step policy(Action policy, String label, Optional<Location> location) {
        return new Step(POLICY, null, false, policy, label, "", location);
    }

    static Step skip(String label, String reason, Optional<Location> location) {
        return new Step(SKIP, null, false, null, label, reason, location);
    }
}
