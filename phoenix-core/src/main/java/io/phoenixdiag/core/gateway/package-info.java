/**
 * Faithful models of the gateway layer's own configuration: nginx (parsed with
 * {@link io.phoenixdiag.core.gateway.NginxConfig#load(java.nio.file.Path, java.nio.file.Path)} and typed by
 * {@link io.phoenixdiag.core.gateway.NginxGateway#of(NginxConfig)}) and Traefik's static and dynamic
 * configuration, YAML or TOML by file name
 * ({@link io.phoenixdiag.core.gateway.TraefikStaticConfig#load(java.nio.file.Path)},
 * {@link io.phoenixdiag.core.gateway.TraefikDynamicConfig#load(java.nio.file.Path)}).
 *
 * <p>Every parser returns its model and its findings (warnings as data) and never throws on bad input. All
 * public types are immutable and thread-safe, and never hold null.
 */
package io.phoenixdiag.core.gateway;
