package io.phoenixdiag.capture.dissect;

import java.util.Objects;
import java.util.Optional;

/**
 * A TLS alert record seen on the wire (RFC 8446 section 6). A plaintext alert (before the sender's
 * encryption started, or one sent unprotected) has a level and a description; an encrypted one (its
 * record is longer than two bytes, or it follows the sender's ChangeCipherSpec) only shows that the
 * sender alerted, with {@code level} and {@code code} -1.
 *
 * @param sender         which side sent it
 * @param level          1 warning, 2 fatal, -1 encrypted
 * @param code           the description code (e.g. 48 for unknown_ca), -1 encrypted
 * @param encrypted      whether the alert's content was protected
 * @param timestampNanos when its record completed, nanoseconds since the epoch
 */
public record TlsAlert(Side sender, int level, int code, boolean encrypted, long timestampNanos) {
    /**
     * Validates the components.
     *
     * @param sender         the sender
     * @param level          the level
     * @param code           the code
     * @param encrypted      whether encrypted
     * @param timestampNanos the time
     */
    public TlsAlert {
        Objects.requireNonNull(sender, "sender");
    }

    /**
     * The description, when the alert is plaintext and its code is assigned.
     *
     * @return the description
     */
    public Optional<TlsAlertDescription> description() {
        return TlsAlertDescription.of(code);
    }

    /**
     * The RFC 8446 name.
     *
     * @return e.g. {@code unknown_ca}; {@code encrypted} for an encrypted alert; {@code unassigned(N)} otherwise
     */
    public String name() {
        if (encrypted) {
            return "encrypted";
        }
        return description().map(TlsAlertDescription::rfcName).orElse("unassigned(" + code + ")");
    }

    /**
     * Whether the alert is fatal (level 2). Encrypted alerts count as not known to be fatal.
     *
     * @return true for fatal
     */
    public boolean fatal() {
        return level == 2;
    }

    /**
     * As text: {@code client sent fatal unknown_ca (48)}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        if (encrypted) {
            return sender.role() + " sent an encrypted alert";
        }
        return sender.role() + " sent " + (level == 2 ? "fatal " : level == 1 ? "warning " : "level-" + level + " ")
                + name() + " (" + code + ")";
    }
}
