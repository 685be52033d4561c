/** Telemetry that enters the streams directly from Kafka: the OpenTelemetry Collector's kafka exporter topics. */
package io.kubemate.streams.telemetry;
