package io.phoenixdiag.capture.dissect;

import java.util.List;
import java.util.Objects;

/**
 * A DNS message (RFC 1035 section 4.1) seen in a UDP datagram or, length-prefixed, in a TCP stream
 * (RFC 1035 section 4.2.2).
 *
 * @param sender         which side of the flow sent it
 * @param transport      {@code udp} or {@code tcp}
 * @param timestampNanos when it was seen (the packet completing it, for TCP), nanoseconds since the epoch
 * @param id             the 16-bit message ID that pairs a response with its query
 * @param response       the QR bit
 * @param opcode         the OPCODE (0 standard query)
 * @param rcode          the RCODE (0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED...)
 * @param truncated      the TC bit
 * @param questions      the question section
 * @param answers        the answer section (authority and additional sections are not kept)
 */
public record DnsMessage(Side sender, String transport, long timestampNanos, int id, boolean response, int opcode,
                         int rcode, boolean truncated, List<DnsQuestion> questions, List<DnsRecord> answers) {
    /**
     * Copies the lists.
     *
     * @param sender         the sender
     * @param transport      udp or tcp
     * @param timestampNanos the time
     * @param id             the ID
     * @param response       QR
     * @param opcode         OPCODE
     * @param rcode          RCODE
     * @param truncated      TC
     * @param questions      questions
     * @param answers        answers
     */
    public DnsMessage {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(transport, "transport");
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
    }

    /**
     * The RCODE's mnemonic (RFC 1035, RFC 6895).
     *
     * @return e.g. {@code NOERROR}, {@code NXDOMAIN}, or {@code RCODE11}
     */
    public String rcodeName() {
        switch (rcode) {
            case 0: return "NOERROR";
            case 1: return "FORMERR";
            case 2: return "SERVFAIL";
            case 3: return "NXDOMAIN";
            case 4: return "NOTIMP";
            case 5: return "REFUSED";
            default: return "RCODE" + rcode;
        }
    }

    /**
     * As text: {@code query A www.cmu.edu} or {@code response NOERROR A www.cmu.edu: 128.2.10.163}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(response ? "response " + rcodeName() : "query");
        for (DnsQuestion q : questions) {
            sb.append(' ').append(q);
        }
        if (response && !answers.isEmpty()) {
            sb.append(':');
            for (int i = 0; i < answers.size(); i++) {
                sb.append(i == 0 ? " " : ", ").append(answers.get(i).data());
            }
        }
        return sb.toString();
    }
}
