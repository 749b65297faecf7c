package io.phoenixdiag.pki.pem;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What {@link PkiLoader#read(byte[], String)} found in one input: the certificates and CRLs in input
 * order, and each block that could not be read (warnings as data: a bad block does not lose the good ones).
 *
 * <p>Immutable and thread-safe. Private keys are not collected here; read them with
 * {@link PkiLoader#privateKey(byte[], String, char[])}.
 *
 * @param source       the file name or stream label the input was read from
 * @param certificates the certificates, in input order (duplicates kept)
 * @param crls         the certificate revocation lists, in input order
 * @param problems     one typed error per block (or DER input) that could not be read, in input order
 * @param skippedBlocks number of PEM blocks of other kinds that were skipped (keys, parameters, CSRs)
 */
public record PemBundle(String source, List<X509Certificate> certificates, List<X509CRL> crls,
                        List<PkiParseException> problems, int skippedBlocks) {

    /**
     * Validates and copies the components.
     *
     * @param source the label
     * @param certificates the certificates
     * @param crls the CRLs
     * @param problems the problems
     * @param skippedBlocks number of skipped blocks, at least 0
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code skippedBlocks} is negative
     */
    public PemBundle {
        Objects.requireNonNull(source, "source");
        certificates = List.copyOf(certificates);
        crls = List.copyOf(crls);
        problems = List.copyOf(problems);
        if (skippedBlocks < 0) {
            throw new IllegalArgumentException("skippedBlocks must be >= 0");
        }
    }
}
