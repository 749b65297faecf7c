/**
 * The embedded demo lab: a small Phoenix look-alike on loopback addresses and unprivileged ports, with
 * deliberate faults, for {@code phoenix-doctor --demo} and end-to-end tests. See {@link io.phoenixdiag.examples.lab.DemoLab}.
 */
package io.phoenixdiag.examples.lab;
