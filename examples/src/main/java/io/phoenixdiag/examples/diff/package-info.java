/**
 * The {@code diff} subcommand of {@code phoenix-doctor}: what changed between two versions of a deployment.
 */
package io.phoenixdiag.examples.diff;
