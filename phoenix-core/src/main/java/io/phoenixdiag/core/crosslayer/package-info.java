/**
 * Cross-layer checks: what the Nginx gateway and Traefik are really told to do (their configuration files, the
 * Docker labels of the stacks, and the dynamic configuration the Phoenix generator writes), checked against
 * the Phoenix JSON intent, the Proxmox firewall and the certificate manifest. Every finding names both ends of
 * the mismatch as locations. Inputs are {@link io.phoenixdiag.core.crosslayer.GatewayConfigs}, given as
 * evidence or discovered beside the deployment's JSON files.
 */
package io.phoenixdiag.core.crosslayer;
