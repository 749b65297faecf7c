/**
 * Loading certificates, CRLs, private keys and keystores: {@link io.phoenixdiag.pki.pem.PkiLoader}, with
 * typed errors ({@link io.phoenixdiag.pki.pem.PkiParseException}) naming the source and PEM block.
 */
package io.phoenixdiag.pki.pem;
