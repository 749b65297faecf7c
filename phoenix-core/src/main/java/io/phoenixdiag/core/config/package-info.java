/**
 * The typed model of every Phoenix JSON file and its loader.
 *
 * <p>Entry point: {@link io.phoenixdiag.core.config.PhoenixLoader#loadDirectory(java.nio.file.Path)} gives a
 * {@link io.phoenixdiag.core.config.Deployment}; {@link io.phoenixdiag.core.config.PhoenixLoader#HYPERVISOR} and
 * its siblings load single files from a path, a stream or a string. Loading returns warnings as data
 * ({@link io.phoenixdiag.core.config.LoadResult}): malformed JSON, unreadable values, duplicate keys, unknown
 * fields and JSON-schema deviations are findings with file, JSON pointer, line and column, and the rest of the
 * deployment still loads. Every record is immutable, never holds null, and carries its
 * {@link io.phoenixdiag.core.diag.Location}. Secret values are wrapped in
 * {@link io.phoenixdiag.core.config.Secret} and listed in {@link io.phoenixdiag.core.config.Deployment#secrets()}.
 */
package io.phoenixdiag.core.config;
