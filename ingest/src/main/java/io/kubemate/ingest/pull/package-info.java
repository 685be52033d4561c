/**
 * Pull enrichers: bounded, time-limited queries to Loki ({@code query_range}), Jaeger ({@code /api/traces}) and
 * Prometheus ({@code query_range} of an alert's own expression) that turn what they find into evidence.
 *
 * <p>Entry points: {@link io.kubemate.ingest.pull.EnrichmentService} (runs the queries on its own threads and never
 * blocks its caller), {@link io.kubemate.ingest.pull.PullSettings} and {@link io.kubemate.ingest.pull.PullAuth}. The
 * HTTP clients and wire DTOs stay package-private.
 */
package io.kubemate.ingest.pull;
