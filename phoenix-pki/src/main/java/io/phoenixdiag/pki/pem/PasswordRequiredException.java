package io.phoenixdiag.pki.pem;

/**
 * The private key or keystore is encrypted and no password (or a wrong one) was given.
 *
 * <p>The message names the source and block, never the password.
 */
public final class PasswordRequiredException extends PkiParseException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param source     the file name or stream label
     * @param blockIndex 1-based PEM block index, or {@link #NO_BLOCK}
     * @param blockType  the PEM label, or {@code ""}
     * @param problem    what was wrong, such as {@code encrypted PKCS#8 private key needs a password}
     * @param cause      the underlying error, or {@code null}
     */
    public PasswordRequiredException(String source, int blockIndex, String blockType, String problem, Throwable cause) {
        super(source, blockIndex, blockType, problem, cause);
    }
}
