/**
 * Correlation: groups alert transitions of one scope into incidents, applies actions (acknowledge, resolve,
 * reopen) in order with them, resolves quiet incidents and publishes incident snapshots.
 */
package io.kubemate.streams.correlation;
