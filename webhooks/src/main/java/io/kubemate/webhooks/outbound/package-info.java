/**
 * Outgoing webhooks: incident snapshots from the compacted incidents topic delivered, per configured route, to
 * PagerDuty (Events API v2) or to any receiver as signed JSON. {@link io.kubemate.webhooks.outbound.OutboundWorker}
 * runs the deliveries in its own consumer group beside the streams; what was delivered per route and incident, and
 * every attempt, is kept in compacted topics so a restart neither repeats nor forgets.
 * {@link io.kubemate.webhooks.outbound.DeliveryRoutes} serves the attempts at
 * {@code GET /api/v1/incidents/{id}/deliveries}.
 */
package io.kubemate.webhooks.outbound;
