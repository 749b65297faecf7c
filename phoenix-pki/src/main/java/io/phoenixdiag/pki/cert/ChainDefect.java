package io.phoenixdiag.pki.cert;

/**
 * A deliberate defect {@link ChainBuilder} can put into a chain, with the validation failure it causes.
 */
public enum ChainDefect {
    /** The leaf expired one hour before now (its 24 h ended); validation fails with {@code EXPIRED}. */
    EXPIRED_LEAF,
    /** The leaf becomes valid one hour after now; {@code NOT_YET_VALID}. */
    NOT_YET_VALID_LEAF,
    /** The (last) intermediate expired one hour before now; {@code EXPIRED}. */
    EXPIRED_INTERMEDIATE,
    /** The (last) intermediate has {@code basicConstraints CA:FALSE} and no keyCertSign; {@code NOT_A_CA}. */
    NON_CA_INTERMEDIATE,
    /** The leaf's extended key usage is codeSigning only; {@code EKU_MISMATCH} for TLS. */
    WRONG_EKU,
    /** The leaf's SANs are {@code wrong.<name>} instead of each requested name; {@code NAME_MISMATCH}. */
    WRONG_NAME,
    /** The leaf is self-signed instead of issued by the intermediate; {@code UNTRUSTED_ROOT}. */
    SELF_SIGNED_LEAF
}
