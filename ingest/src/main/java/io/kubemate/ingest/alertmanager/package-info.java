/**
 * Alertmanager's webhook (body version 4) in: the wire DTOs, validation with JSON-pointer errors, and the mapping to
 * {@link io.kubemate.core.alert.RawAlert}. Entry point: {@link io.kubemate.ingest.alertmanager.AlertmanagerWebhookParser}.
 */
package io.kubemate.ingest.alertmanager;
