package io.kubemate.webhooks.api;

import io.javalin.http.Context;
import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.evidence.ServiceEdge;
import io.kubemate.core.evidence.ServiceGraphView;
import io.kubemate.webhooks.http.Route;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /api/v1/service-graph}: the caller → callee edges a {@link ServiceGraphView} knows, ordered by caller then
 * callee, optionally only those touching one service ({@code ?service=}). Public only so {@link
 * io.kubemate.webhooks.http.KubemateHttpServer} can wire it; the server applies the API token like for incidents.
 */
public final class ServiceGraphRoutes {
    public static final String PATH = IncidentRoutes.BASE + "/service-graph";

    private static final int MAX_SERVICE_CHARS = 253;

    private final ServiceGraphView view;

    public ServiceGraphRoutes(ServiceGraphView view) {
        this.view = Objects.requireNonNull(view, "view");
    }

    public List<Route> routes() {
        return List.of(Route.get(PATH, this::graph));
    }

    private void graph(Context ctx) {
        String service = service(ctx.queryParam("service"));
        List<EdgeJson> edges = view.edges().stream()
                .filter(edge -> service == null
                        || edge.caller().equals(service)
                        || edge.callee().equals(service))
                .map(EdgeJson::of)
                .toList();
        ctx.json(new GraphJson(edges));
    }

    private static String service(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.length() > MAX_SERVICE_CHARS || text.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(
                    "service", "service must be a service name of at most " + MAX_SERVICE_CHARS + " characters");
        }
        return text;
    }

    /** The answer: {@code {"edges": [...]}}. */
    record GraphJson(List<EdgeJson> edges) {}

    /** One edge on the wire, fields in the documented order. */
    record EdgeJson(
            String caller,
            String callee,
            double requestRate,
            double errorRate,
            double p95Millis,
            long requests,
            long errors,
            Instant windowStart,
            Instant windowEnd,
            Instant lastSeen) {

        static EdgeJson of(ServiceEdge edge) {
            return new EdgeJson(
                    edge.caller(),
                    edge.callee(),
                    edge.requestRate(),
                    edge.errorRate(),
                    edge.p95Millis(),
                    edge.requests(),
                    edge.errors(),
                    edge.windowStart(),
                    edge.windowEnd(),
                    edge.lastSeen());
        }
    }
}
