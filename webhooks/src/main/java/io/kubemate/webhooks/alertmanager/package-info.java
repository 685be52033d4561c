/**
 * The Alertmanager receiver, {@code POST /webhooks/alertmanager}: authenticates, bounds and parses the body, and
 * answers 200 only once the alerts are durably appended (503 with {@code Retry-After} otherwise), counting every
 * outcome. Wired by {@link io.kubemate.webhooks.alertmanager.AlertmanagerRoutes}.
 */
package io.kubemate.webhooks.alertmanager;
