/**
 * Live probing in {@code phoenix-doctor}: the {@code probe} subcommand
 * ({@link io.phoenixdiag.examples.probe.ProbeCommand}) and the live diagnosis behind {@code doctor --live} and
 * {@code --demo} ({@link io.phoenixdiag.examples.probe.LiveDoctor}).
 */
package io.phoenixdiag.examples.probe;
