/**
 * The telemetry receivers: Loki push ({@code POST /loki/api/v1/push}), OTLP/HTTP ({@code POST /v1/traces},
 * {@code POST /v1/logs}) and change events ({@code POST /webhooks/changes}). Each authenticates with the webhook
 * token, bounds (and, for {@code Content-Encoding: gzip}, inflates within a bound) the body, parses it, and answers
 * 2xx only once the records are durably appended (503 with {@code Retry-After} otherwise), counting every outcome.
 * Wired by {@link io.kubemate.webhooks.telemetry.TelemetryRoutes}.
 */
package io.kubemate.webhooks.telemetry;
