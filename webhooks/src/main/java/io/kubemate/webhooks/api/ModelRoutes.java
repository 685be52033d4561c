package io.kubemate.webhooks.api;

import io.javalin.http.Context;
import io.kubemate.core.rca.ModelUsage;
import io.kubemate.core.rca.ModelsView;
import io.kubemate.webhooks.http.Route;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /api/v1/models}: every model + prompt combination that made summaries, with runs, grounded share and
 * feedback, most recently used first (issue 4's model tracking, local or mirrored to MLflow). Public only so {@link
 * io.kubemate.webhooks.http.KubemateHttpServer} can wire it; the server applies the API token like for incidents.
 */
public final class ModelRoutes {
    public static final String PATH = IncidentRoutes.BASE + "/models";

    private final ModelsView view;

    public ModelRoutes(ModelsView view) {
        this.view = Objects.requireNonNull(view, "view");
    }

    public List<Route> routes() {
        return List.of(Route.get(PATH, this::models));
    }

    private void models(Context ctx) {
        ctx.json(new ModelsJson(view.models()));
    }

    /** The answer: {@code {"models": [...]}}. */
    record ModelsJson(List<ModelUsage> models) {}
}
