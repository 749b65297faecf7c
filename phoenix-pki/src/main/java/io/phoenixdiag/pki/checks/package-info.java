/**
 * The PKI checks of the doctor: certificate manifest compliance and trust stores of root filesystems
 * given on the command line ({@code --rootfs}), registered through
 * {@code META-INF/services/io.phoenixdiag.core.diag.Check}.
 */
package io.phoenixdiag.pki.checks;
