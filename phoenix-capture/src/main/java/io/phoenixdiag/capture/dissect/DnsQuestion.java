package io.phoenixdiag.capture.dissect;

import java.util.Objects;

/**
 * A question of a DNS message (RFC 1035 section 4.1.2).
 *
 * @param name  the queried name, without the trailing dot, e.g. {@code www.cmu.edu}
 * @param type  the QTYPE, e.g. 1 for A
 * @param klass the QCLASS, normally 1 (IN)
 */
public record DnsQuestion(String name, int type, int klass) {
    /**
     * Validates the name.
     *
     * @param name  the name
     * @param type  the type
     * @param klass the class
     */
    public DnsQuestion {
        Objects.requireNonNull(name, "name");
    }

    /**
     * The type's mnemonic.
     *
     * @return e.g. {@code A}, {@code PTR}, or {@code TYPE99}
     */
    public String typeName() {
        return DnsRecord.typeName(type);
    }

    /**
     * As text.
     *
     * @return e.g. {@code A www.cmu.edu}
     */
    @Override
    public String toString() {
        return typeName() + " " + name;
    }
}
