/**
 * Alert lifecycle: turns the raw, re-sent alert stream into transitions (fired, resolved, re-fired, changed) per
 * fingerprint, dropping re-sent unchanged states and stale episodes and counting flaps.
 */
package io.kubemate.streams.lifecycle;
