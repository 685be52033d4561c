package io.kubemate.webhooks.http;

import io.javalin.http.Handler;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** Times every routed request by route template: {@code kubemate_http_request_duration_seconds{route}}. */
final class RequestTimer {
    private final Histogram duration;

    RequestTimer(PrometheusRegistry registry) {
        this.duration = Histogram.builder()
                .name("kubemate_http_request_duration_seconds")
                .help("Time to serve an HTTP request, by route template (errors included).")
                .labelNames("route")
                .classicOnly()
                .classicUpperBounds(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .register(registry);
    }

    Handler timed(Route route, Handler handler) {
        var series = duration.labelValues(route.method().name() + " " + route.path());
        return ctx -> {
            long start = System.nanoTime();
            try {
                handler.handle(ctx);
            } finally {
                series.observe((System.nanoTime() - start) / 1e9);
            }
        };
    }
}
