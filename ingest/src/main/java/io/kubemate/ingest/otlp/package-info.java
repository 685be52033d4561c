/**
 * OTLP in: {@code ExportTraceServiceRequest} and {@code ExportLogsServiceRequest} in protobuf and in OTLP's own JSON
 * (hex ids, integer enums, 64-bit integers as strings or numbers, lowerCamelCase keys), from OTLP/HTTP bodies and
 * from the OpenTelemetry Collector's kafka exporter topics, decoded to {@link io.kubemate.core.telemetry.SpanRecord}
 * and {@link io.kubemate.core.telemetry.LogEntry}. Entry points: {@link io.kubemate.ingest.otlp.OtlpParser} and
 * {@link io.kubemate.ingest.otlp.OtlpKafkaDecoder}.
 */
package io.kubemate.ingest.otlp;
