/**
 * Engines behind {@link io.phoenixdiag.core.gateway}: the nginx tokenizer/parser and renderer and the typed-model
 * builder. Not a public API: types here may change without notice.
 */
package io.phoenixdiag.core.gateway.internal;
