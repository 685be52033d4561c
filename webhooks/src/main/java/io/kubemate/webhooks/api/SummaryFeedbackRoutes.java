package io.kubemate.webhooks.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.error.NotFoundException;
import io.kubemate.core.rca.IncidentSummary;
import io.kubemate.core.rca.SummaryFeedback;
import io.kubemate.core.rca.SummaryView;
import io.kubemate.webhooks.http.Route;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code POST /api/v1/incidents/{id}/summary/feedback} with {@code {"helpful": true|false}}: rates the incident's
 * current summary (or the one {@code summaryId} names); the rating is tracked per model and prompt ({@code GET
 * /api/v1/models}, and a {@code helpful} metric on the summary's MLflow run). 202 with what was recorded; 404 when the
 * incident has no summary. Public only so {@link io.kubemate.webhooks.http.KubemateHttpServer} can wire it.
 */
public final class SummaryFeedbackRoutes {
    public static final String PATH = IncidentRoutes.BASE + "/incidents/{id}/summary/feedback";

    private final SummaryView summaries;
    private final SummaryFeedback feedback;
    private final ObjectMapper mapper;

    public SummaryFeedbackRoutes(SummaryView summaries, SummaryFeedback feedback, ObjectMapper mapper) {
        this.summaries = Objects.requireNonNull(summaries, "summaries");
        this.feedback = Objects.requireNonNull(feedback, "feedback");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    public List<Route> routes() {
        return List.of(Route.post(PATH, this::rate));
    }

    private void rate(Context ctx) {
        String id = IncidentQueries.id(ctx).value();
        JsonNode body;
        try {
            body = mapper.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw new InvalidInputException("/", "the body is not valid JSON");
        }
        if (body == null || !body.isObject() || !body.path("helpful").isBoolean()) {
            throw new InvalidInputException("/helpful", "expected {\"helpful\": true or false}");
        }
        JsonNode named = body.path("summaryId");
        if (!named.isMissingNode() && !named.isTextual()) {
            throw new InvalidInputException("/summaryId", "summaryId must be a string");
        }
        IncidentSummary summary =
                summaries.summary(id).orElseThrow(() -> new NotFoundException("incident " + id + " has no summary"));
        String summaryId = named.isTextual() ? named.asText() : summary.summaryId();
        if (!summaryId.startsWith(id + "#")) {
            throw new InvalidInputException("/summaryId", "not a summary of incident " + id);
        }
        boolean helpful = body.get("helpful").asBoolean();
        feedback.feedback(id, summaryId, helpful);
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("summaryId", summaryId);
        recorded.put("helpful", helpful);
        ctx.status(202).json(recorded);
    }
}
