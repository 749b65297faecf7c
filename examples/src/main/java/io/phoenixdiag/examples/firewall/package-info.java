/**
 * Firewall subcommands of {@code phoenix-doctor}: {@code explain} (why a packet is allowed or dropped, with
 * the full trace), {@code log-plan} (LOG rules that make every drop visible) and {@code log-read} (kernel
 * LOG lines per flow).
 */
package io.phoenixdiag.examples.firewall;
