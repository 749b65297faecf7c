/**
 * Evidence collected on a Proxmox VE host (by {@code phoenix-collect.sh}) and read back anywhere, offline:
 * the archive and its {@link io.phoenixdiag.core.evidence.EvidenceManifest manifest}
 * ({@link io.phoenixdiag.core.evidence.EvidenceArchive}), guest configs with their NIC firewall flags
 * ({@link io.phoenixdiag.core.evidence.GuestConfig}), clock readings and private-key facts
 * ({@link io.phoenixdiag.core.evidence.CollectedEvidence}), and the checks that compare the Phoenix JSON
 * intent with what the host really runs ({@link io.phoenixdiag.core.evidence.IntentRealityCheck},
 * {@link io.phoenixdiag.core.evidence.ClockSkewCheck}, {@link io.phoenixdiag.core.evidence.KeyFingerprintCheck}).
 */
package io.phoenixdiag.core.evidence;
