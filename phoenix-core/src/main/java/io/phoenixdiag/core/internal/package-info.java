/** Helpers shared by phoenix-core's packages; not API (not exported by the module). */
package io.phoenixdiag.core.internal;
