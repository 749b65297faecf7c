/**
 * Throw-away Linux network namespaces for tests and demo labs: {@link
 * io.phoenixdiag.core.netns.NetworkNamespace} creates one (with {@code ip netns add}), joins
 * namespaces (and, if asked, the caller's own namespace) with veth pairs, runs real tools inside them,
 * and removes everything on close. Namespaces get no default route, so nothing they do can leave
 * the machine. Needs root (CAP_SYS_ADMIN and CAP_NET_ADMIN) and iproute2.
 */
package io.phoenixdiag.core.netns;
