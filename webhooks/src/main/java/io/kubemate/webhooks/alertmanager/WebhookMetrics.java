package io.kubemate.webhooks.alertmanager;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The receiver's counters. The {@code receiver} label comes from the body, so the sender chooses it: only the first
 * {@value #MAX_RECEIVERS} receiver names of at most {@value #MAX_RECEIVER_CHARS} characters get series of their own,
 * the others count as {@value #OTHER_RECEIVER}. Unbounded, every new name kept a series (and the name) in memory for
 * good: found by the fuzz test, which grew the heap by ~30 MiB with long, distinct receiver names.
 */
final class WebhookMetrics {
    static final String UNKNOWN_RECEIVER = "unknown";
    static final String OTHER_RECEIVER = "other";
    static final int MAX_RECEIVERS = 64;
    static final int MAX_RECEIVER_CHARS = 128;

    private final Set<String> receivers = ConcurrentHashMap.newKeySet();

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
        requests.labelValues(label(receiver), Outcome.ACCEPTED.label).inc();
        accepted.inc(alerts);
    }

    void failed(String receiver, Outcome outcome) {
        requests.labelValues(label(receiver), outcome.label).inc();
        if (outcome.isReject) {
            rejects.labelValues(outcome.label).inc();
        }
    }

    /** The label value for a receiver name: itself while the bounds allow, else {@value #OTHER_RECEIVER}. */
    String label(String receiver) {
        if (receiver.length() > MAX_RECEIVER_CHARS) {
            return OTHER_RECEIVER;
        }
        if (receivers.contains(receiver)) {
            return receiver;
        }
        synchronized (receivers) {
            if (receivers.size() >= MAX_RECEIVERS) {
                return OTHER_RECEIVER;
            }
            receivers.add(receiver);
            return receiver;
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
