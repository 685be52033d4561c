package io.kubemate.webhooks.alertmanager;

import io.kubemate.core.alert.AlertSink;
import io.kubemate.ingest.alertmanager.AlertmanagerWebhookParser;
import io.kubemate.webhooks.http.BearerToken;
import io.kubemate.webhooks.http.Route;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Optional;

/**
 * The Alertmanager receiver's routes. Public only so {@link io.kubemate.webhooks.http.KubemateHttpServer} can wire
 * them; registers {@code kubemate_webhook_requests_total}, {@code kubemate_webhook_rejects_total} and
 * {@code kubemate_alerts_accepted_total} in the given registry.
 */
public final class AlertmanagerRoutes {
    /** The receiver's path, the URL to put in Alertmanager's {@code webhook_configs}. */
    public static final String PATH = "/webhooks/alertmanager";

    private final AlertmanagerWebhookHandler handler;

    public AlertmanagerRoutes(
            AlertmanagerWebhookParser parser,
            AlertSink sink,
            Optional<String> token,
            long maxBodyBytes,
            PrometheusRegistry registry) {
        this.handler = new AlertmanagerWebhookHandler(
                parser, sink, BearerToken.of(token), maxBodyBytes, new WebhookMetrics(registry));
    }

    public List<Route> routes() {
        return List.of(Route.post(PATH, handler));
    }
}
