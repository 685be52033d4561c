/**
 * {@code kubemate replay}: sends a timestamped NDJSON recording of alerts, logs, traces and changes to a Kubemate
 * instance (embedded or running) on a compressed clock, then scores the incidents it made against the recording's
 * ground-truth labels ({@link io.kubemate.app.replay.ReplayScore}).
 */
package io.kubemate.app.replay;
