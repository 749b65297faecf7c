/**
 * Compliance of {@code certificate-manifest.json}: {@link io.phoenixdiag.pki.manifest.ManifestChecks#checkStatic}
 * for the manifest alone, {@link io.phoenixdiag.pki.manifest.ManifestChecks#check} against the files of a root
 * filesystem.
 */
package io.phoenixdiag.pki.manifest;
