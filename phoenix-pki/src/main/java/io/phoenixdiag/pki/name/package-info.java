/**
 * Reference identities and their matching against certificates (RFC 9525): {@link
 * io.phoenixdiag.pki.name.ReferenceIdentity}, {@link io.phoenixdiag.pki.name.NameMatcher}.
 */
package io.phoenixdiag.pki.name;
