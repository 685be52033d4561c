package io.kubemate.webhooks.alertmanager;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The receiver's counters. */
final class WebhookMetrics {
    static final String UNKNOWN_RECEIVER = "unknown";

    private final Counter requests;
    private final Counter rejects;
    private final Counter accepted;

    WebhookMetrics(PrometheusRegistry registry) {
        this.requests = Counter.builder()
                .name("kubemate_webhook_requests_total")
                .help("Webhook requests by Alertmanager receiver and outcome.")
                .labelNames("receiver", "outcome")
                .register(registry);
        this.rejects = Counter.builder()
                .name("kubemate_webhook_rejects_total")
                .help("Webhook requests rejected before reaching Kafka, by reason.")
                .labelNames("reason")
                .register(registry);
        this.accepted = Counter.builder()
                .name("kubemate_alerts_accepted_total")
                .help("Alerts durably appended to the raw alerts topic.")
                .register(registry);
        // every reason shows up as 0 from the start, so rate() and alerts on it work before the first reject
        for (Outcome outcome : Outcome.values()) {
            if (outcome.isReject) {
                rejects.initLabelValues(outcome.label);
            }
        }
    }

    void accepted(String receiver, int alerts) {
        requests.labelValues(receiver, Outcome.ACCEPTED.label).inc();
        accepted.inc(alerts);
    }

    void failed(String receiver, Outcome outcome) {
        requests.labelValues(receiver, outcome.label).inc();
        if (outcome.isReject) {
            rejects.labelValues(outcome.label).inc();
        }
    }

    /** How a webhook request ended. Rejects are the client's fault; the others are not. */
    enum Outcome {
        ACCEPTED("accepted", false),
        UNAUTHORIZED("unauthorized", true),
        UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", true),
        BODY_TOO_LARGE("body_too_large", true),
        INVALID("invalid", true),
        UNAVAILABLE("unavailable", false),
        ERROR("error", false);

        final String label;
        final boolean isReject;

        Outcome(String label, boolean isReject) {
            this.label = label;
            this.isReject = isReject;
        }
    }
}
