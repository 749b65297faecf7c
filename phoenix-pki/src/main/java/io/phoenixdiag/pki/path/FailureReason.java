package io.phoenixdiag.pki.path;

/**
 * Why a certificate path did not validate. Each constant names the RFC 5280 (or RFC 9525, CA/Browser Forum
 * Baseline Requirements) rule it stands for; {@link ValidationFailure#certificate()} names the certificate
 * at fault and {@link ValidationFailure#remediation()} says what to do.
 */
public enum FailureReason {
    /** No certificate presented or trusted is named as the issuer of a certificate in the path
     *  (RFC 5280 section 6.1: no path to a trust anchor can be built). */
    UNKNOWN_ISSUER,
    /** The issuer is not among the presented certificates but is known to the validator (a certificate of
     *  the CA's intermediate set or the trust store): the server omits an intermediate from its chain. */
    MISSING_INTERMEDIATE,
    /** The path ends at a self-signed certificate that is not a trust anchor (including a self-signed
     *  end-entity certificate). */
    UNTRUSTED_ROOT,
    /** The path ends at a root whose name equals a trust anchor's name but whose key differs: the
     *  certificate was issued by another CA instance of the same name (for example a re-initialised step-ca). */
    WRONG_ROOT,
    /** A signature does not verify with the issuer's public key although the issuer's name and key identifier
     *  match (RFC 5280 section 6.1.3 (a)(1)): the certificate was altered or corrupted. */
    BAD_SIGNATURE,
    /** The validation instant is after notAfter (plus the allowed clock skew) (RFC 5280 section 6.1.3 (a)(2)). */
    EXPIRED,
    /** The validation instant is before notBefore (minus the allowed clock skew) (RFC 5280 section 6.1.3 (a)(2)). */
    NOT_YET_VALID,
    /** The reference identity matches no subject alternative name of the end-entity certificate
     *  (RFC 9525 section 6; no common-name fallback). */
    NAME_MISMATCH,
    /** An issuing certificate lacks basicConstraints cA=TRUE, or has it non-critical where the web PKI requires
     *  it critical (RFC 5280 section 6.1.4 (k), section 4.2.1.9). */
    NOT_A_CA,
    /** The end-entity certificate asserts basicConstraints cA=TRUE: a CA certificate is used as a server or
     *  client certificate (CA/Browser Forum BR 7.1.2.7.8; web PKI clients reject it). */
    END_ENTITY_IS_CA,
    /** More non-self-issued intermediates follow a CA than its pathLenConstraint allows, or the path is longer
     *  than the validator's maximum (RFC 5280 section 6.1.4 (l), (m)). */
    PATH_LENGTH_EXCEEDED,
    /** The key usage extension forbids the use: a CA without keyCertSign (RFC 5280 section 6.1.4 (n)), an
     *  end-entity certificate with keyCertSign, or without a usage the validator requires. */
    KEY_USAGE,
    /** The extended key usage of the end-entity certificate (or of an issuing CA that restricts it) does not
     *  include the purpose being validated, such as serverAuth (RFC 5280 section 4.2.1.12). */
    EKU_MISMATCH,
    /** A given CRL lists the certificate's serial number (RFC 5280 section 6.3). */
    REVOKED,
    /** A given CRL for the certificate's issuer cannot be used: bad signature, issuer not allowed to sign CRLs,
     *  missing CRL number, or an unknown critical CRL extension (RFC 5280 section 5, 6.3.3). */
    CRL_INVALID,
    /** A name in a certificate is outside the permitted or inside the excluded subtrees of an issuing CA's
     *  name constraints, or the constraints cannot be evaluated (RFC 5280 section 6.1.3 (b), (c), 4.2.1.10). */
    NAME_CONSTRAINTS_VIOLATED,
    /** A certificate has a critical extension the validator does not process (RFC 5280 section 6.1.4 (o)). */
    UNKNOWN_CRITICAL_EXTENSION,
    /** A key or signature algorithm the web PKI forbids: RSA below 2048 bits or not a multiple of 8, DSA,
     *  curves other than P-256/P-384/P-521, explicit curve parameters, MD5 or SHA-1 signatures
     *  (CA/Browser Forum BR 6.1.5, 7.1.3). */
    WEAK_ALGORITHM,
    /** A certificate breaks an encoding or profile rule TLS clients enforce (RFC 5280 section 4; the detail
     *  names the rule): not version 3, bad serial number, missing or critical key identifiers, malformed
     *  extension, empty issuer, inconsistent signature algorithms. */
    NONCONFORMING_CERTIFICATE,
    /** Path building gave up: the candidate paths exceed the work limit (a denial-of-service defence) or the
     *  maximum chain depth. */
    PATH_BUILDING_LIMIT
}
