package io.kubemate.webhooks.outbound;

import io.javalin.http.Context;
import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.error.NotFoundException;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentView;
import io.kubemate.webhooks.http.Route;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/incidents/{id}/deliveries}: the attempts to deliver an incident's events to the outgoing routes,
 * oldest first (the latest 100). Empty when outgoing webhooks are off. The {@code /api/*} token applies (the server
 * checks it).
 */
public final class DeliveryRoutes {
    public static final String PATH = "/api/v1/incidents/{id}/deliveries";

    private final IncidentView view;
    private final DeliveryLog log;

    public DeliveryRoutes(IncidentView view, DeliveryLog log) {
        this.view = view;
        this.log = log;
    }

    public List<Route> routes() {
        return List.of(Route.get(PATH, this::deliveries));
    }

    private void deliveries(Context ctx) {
        String id = ctx.pathParam("id");
        if (!IncidentId.isValid(id)) {
            throw new InvalidInputException("id", "not an incident id: expected 'inc-' and 16 hex digits");
        }
        List<DeliveryAttempt> attempts = log.attempts(id);
        if (attempts.isEmpty() && view.find(new IncidentId(id)).isEmpty()) {
            throw new NotFoundException("no incident " + id);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("incidentId", id);
        json.put("deliveries", attempts);
        ctx.json(json);
    }
}
