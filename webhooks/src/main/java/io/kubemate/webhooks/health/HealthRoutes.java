package io.kubemate.webhooks.health;

import io.javalin.http.Context;
import io.kubemate.core.incident.IncidentView;
import io.kubemate.webhooks.http.Route;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /healthz}, {@code /readyz} and {@code /metrics}. Public only so
 * {@link io.kubemate.webhooks.http.KubemateHttpServer} can wire them.
 */
public final class HealthRoutes {
    static final String VIEW_CHECK = "incident-view";

    private final List<ReadinessCheck> checks;
    private final IncidentView view;
    private final PrometheusRegistry registry;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public HealthRoutes(List<ReadinessCheck> checks, IncidentView view, PrometheusRegistry registry) {
        this.checks = List.copyOf(checks);
        this.view = view;
        this.registry = registry;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/healthz", ctx -> ctx.json(Map.of("status", "ok"))),
                Route.get("/readyz", this::ready),
                Route.get("/metrics", this::metrics));
    }

    private void ready(Context ctx) {
        Map<String, Boolean> results = new LinkedHashMap<>();
        for (ReadinessCheck check : checks) {
            results.put(check.name(), isReady(check));
        }
        results.put(VIEW_CHECK, view.isCaughtUp());
        List<String> failing = new ArrayList<>();
        results.forEach((name, ready) -> {
            if (!ready) {
                failing.add(name);
            }
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", failing.isEmpty() ? "ready" : "not ready");
        body.put("checks", results);
        body.put("failing", failing);
        ctx.status(failing.isEmpty() ? 200 : 503).json(body);
    }

    private static boolean isReady(ReadinessCheck check) {
        try {
            return check.isReady();
        } catch (RuntimeException e) {
            // a check that cannot answer is a dependency that is not ready; the answer names it
            return false;
        }
    }

    private void metrics(Context ctx) throws IOException {
        var out = new ByteArrayOutputStream();
        writer.write(out, registry.scrape());
        ctx.contentType(PrometheusTextFormatWriter.CONTENT_TYPE).result(out.toByteArray());
    }
}
