package io.kubemate.webhooks.telemetry;

import io.javalin.http.HttpResponseException;
import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.error.UnavailableException;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The telemetry receivers' counters, labelled by receiver ({@code loki}, {@code otlp_traces}, ...). */
final class TelemetryMetrics {
    static final String[] RECEIVERS = {"loki", "otlp_traces", "otlp_logs", "changes"};

    private final Counter requests;
    private final Counter rejects;
    private final Counter accepted;

    TelemetryMetrics(PrometheusRegistry registry) {
        this.requests = Counter.builder()
                .name("kubemate_telemetry_requests_total")
                .help("Telemetry receiver requests by receiver and outcome.")
                .labelNames("receiver", "outcome")
                .register(registry);
        this.rejects = Counter.builder()
                .name("kubemate_telemetry_rejects_total")
                .help("Telemetry requests rejected before reaching Kafka, by receiver and reason.")
                .labelNames("receiver", "reason")
                .register(registry);
        this.accepted = Counter.builder()
                .name("kubemate_telemetry_records_accepted_total")
                .help("Telemetry records durably appended, by kind (logs, spans, changes).")
                .labelNames("kind")
                .register(registry);
        // every series shows up as 0 from the start, so rate() and alerts on it work before the first event
        for (String receiver : RECEIVERS) {
            for (Outcome outcome : Outcome.values()) {
                if (outcome.isReject) {
                    rejects.initLabelValues(receiver, outcome.label);
                }
            }
        }
        for (String kind : new String[] {"logs", "spans", "changes"}) {
            accepted.initLabelValues(kind);
        }
    }

    void accepted(String receiver, String kind, int records) {
        requests.labelValues(receiver, Outcome.ACCEPTED.label).inc();
        accepted.labelValues(kind).inc(records);
    }

    void failed(String receiver, Exception e) {
        Outcome outcome = Outcome.of(e);
        requests.labelValues(receiver, outcome.label).inc();
        if (outcome.isReject) {
            rejects.labelValues(receiver, outcome.label).inc();
        }
    }

    /** How a request ended. Rejects are the sender's fault; the others are not. */
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

        static Outcome of(Exception e) {
            if (e instanceof InvalidInputException) {
                return INVALID;
            }
            if (e instanceof UnavailableException) {
                return UNAVAILABLE;
            }
            if (e instanceof HttpResponseException response) {
                return switch (response.getStatus()) {
                    case 401 -> UNAUTHORIZED;
                    case 413 -> BODY_TOO_LARGE;
                    case 415 -> UNSUPPORTED_MEDIA_TYPE;
                    default -> ERROR;
                };
            }
            return ERROR;
        }
    }
}
