/**
 * Liveness ({@code /healthz}), readiness ({@code /readyz}: every {@link io.kubemate.webhooks.health.ReadinessCheck}
 * plus the incident view caught up) and Prometheus metrics ({@code /metrics}). None of them needs a token. Wired by
 * {@link io.kubemate.webhooks.health.HealthRoutes}.
 */
package io.kubemate.webhooks.health;
