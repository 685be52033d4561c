/**
 * The incident API under {@code /api/v1}: list and detail read the {@link io.kubemate.core.incident.IncidentView},
 * acknowledge and resolve submit an {@link io.kubemate.core.incident.IncidentAction} and wait briefly for the view to
 * show it; {@code openapi.json} describes all served routes. Wired by
 * {@link io.kubemate.webhooks.api.IncidentRoutes}.
 */
package io.kubemate.webhooks.api;
