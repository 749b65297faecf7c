/**
 * Engines and helpers of phoenix-pki; not part of the public API and may change without notice.
 */
package io.phoenixdiag.pki.internal;
