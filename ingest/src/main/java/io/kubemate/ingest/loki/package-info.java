/**
 * Loki's push API in: {@code POST /loki/api/v1/push} bodies in JSON and in protobuf with raw snappy (what Promtail,
 * Alloy and loki4j send), decoded to {@link io.kubemate.core.telemetry.LogEntry}. Entry point:
 * {@link io.kubemate.ingest.loki.LokiPushParser}.
 */
package io.kubemate.ingest.loki;
