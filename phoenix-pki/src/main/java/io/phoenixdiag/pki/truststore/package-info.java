/**
 * Is a CA trusted in a root filesystem (the host or a guest's rootfs)? {@link io.phoenixdiag.pki.truststore.TrustStoreInspector}
 * checks the Debian/Ubuntu bundle, the OpenSSL hashed links, {@code /usr/local/share/ca-certificates} and Java
 * {@code cacerts}, with paths resolved inside the root ({@link io.phoenixdiag.pki.truststore.RootFs}).
 */
package io.phoenixdiag.pki.truststore;
