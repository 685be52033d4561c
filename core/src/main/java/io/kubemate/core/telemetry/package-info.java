/**
 * Telemetry as Kubemate keeps it: log entries, spans and change events in a small, format-neutral shape, whatever
 * wire format (Loki push, OTLP, CloudEvents) they arrived in.
 */
package io.kubemate.core.telemetry;
