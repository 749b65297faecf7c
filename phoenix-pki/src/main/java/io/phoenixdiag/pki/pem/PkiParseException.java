package io.phoenixdiag.pki.pem;

import java.security.cert.CertificateException;
import java.util.Objects;

/**
 * A certificate, CRL, key or keystore could not be read. Extends {@link CertificateException} so that
 * callers which already handle JCA parse errors catch it.
 *
 * <p>The message has the form {@code SOURCE: PEM block N (TYPE): PROBLEM}, or {@code SOURCE: PROBLEM}
 * when the input is not PEM; it never contains key material or passwords.
 */
public class PkiParseException extends CertificateException {
    private static final long serialVersionUID = 1L;

    /** The block index reported when the input is not PEM (DER, a keystore) or no block applies. */
    public static final int NO_BLOCK = 0;

    private final String source;
    private final int blockIndex;
    private final String blockType;
    private final String problem;

    /**
     * Creates the exception.
     *
     * @param source     the file name or stream label, such as {@code bundle.pem} or {@code <stdin>}
     * @param blockIndex 1-based index of the PEM block among all blocks of the input, or {@link #NO_BLOCK}
     * @param blockType  the PEM label such as {@code CERTIFICATE}, or {@code ""} when not PEM
     * @param problem    what was wrong, one sentence without trailing period
     * @param cause      the underlying error, or {@code null}
     */
    public PkiParseException(String source, int blockIndex, String blockType, String problem, Throwable cause) {
        super(format(source, blockIndex, blockType, problem), cause);
        this.source = Objects.requireNonNull(source, "source");
        this.blockIndex = blockIndex;
        this.blockType = Objects.requireNonNull(blockType, "blockType");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    private static String format(String source, int blockIndex, String blockType, String problem) {
        StringBuilder sb = new StringBuilder(source).append(": ");
        if (blockIndex > 0) {
            sb.append("PEM block ").append(blockIndex);
            if (!blockType.isEmpty()) {
                sb.append(" (").append(blockType).append(')');
            }
            sb.append(": ");
        }
        return sb.append(problem).toString();
    }

    /**
     * The source label.
     *
     * @return the file name or stream label
     */
    public String source() {
        return source;
    }

    /**
     * The PEM block at fault.
     *
     * @return the 1-based block index, or {@link #NO_BLOCK}
     */
    public int blockIndex() {
        return blockIndex;
    }

    /**
     * The PEM label of the block at fault.
     *
     * @return for example {@code CERTIFICATE}, or {@code ""}
     */
    public String blockType() {
        return blockType;
    }

    /**
     * What was wrong, without the source and block prefix.
     *
     * @return one sentence without trailing period
     */
    public String problem() {
        return problem;
    }
}
