package io.kubemate.webhooks.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.error.NotFoundException;
import io.kubemate.core.evidence.EvidenceView;
import io.kubemate.core.incident.ActionKind;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentQuery;
import io.kubemate.core.incident.IncidentSink;
import io.kubemate.core.incident.IncidentView;
import io.kubemate.core.rca.SummaryView;
import io.kubemate.webhooks.http.ApiScope;
import io.kubemate.webhooks.http.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The incident API's routes. Public only so {@link io.kubemate.webhooks.http.KubemateHttpServer} can wire them.
 * Authentication ({@code /api/*} bearer token) is applied by the server, not here.
 */
public final class IncidentRoutes {
    public static final String BASE = "/api/v1";
    public static final String OPENAPI_PATH = BASE + "/openapi.json";

    private static final String OPENAPI_RESOURCE = "openapi.json";

    private final IncidentView view;
    private final EvidenceView evidence;
    private final SummaryView summaries;
    private final Clock clock;
    private final ActionSubmission submission;
    private final MergeSplitHandler restructure;
    private final byte[] openApi;

    public IncidentRoutes(IncidentView view, IncidentSink sink, Clock clock, Duration actionWait, ObjectMapper mapper) {
        this(view, id -> Optional.empty(), sink, clock, actionWait, mapper);
    }

    /** Routes whose incident detail also shows the incident's evidence and probable origin from {@code evidence}. */
    public IncidentRoutes(
            IncidentView view,
            EvidenceView evidence,
            IncidentSink sink,
            Clock clock,
            Duration actionWait,
            ObjectMapper mapper) {
        this(view, evidence, SummaryView.NONE, sink, clock, actionWait, mapper);
    }

    /** The same, the incident detail also showing the incident's root-cause summary from {@code summaries}. */
    public IncidentRoutes(
            IncidentView view,
            EvidenceView evidence,
            SummaryView summaries,
            IncidentSink sink,
            Clock clock,
            Duration actionWait,
            ObjectMapper mapper) {
        this.evidence = evidence;
        this.summaries = summaries;
        this.view = view;
        this.clock = clock;
        this.submission = new ActionSubmission(view, sink, actionWait, mapper);
        this.restructure = new MergeSplitHandler(view, clock, submission);
        this.openApi = loadOpenApi();
    }

    public List<Route> routes() {
        return List.of(
                Route.get(BASE + "/incidents", this::list),
                Route.get(BASE + "/incidents/{id}", this::detail),
                Route.post(BASE + "/incidents/{id}/acknowledge", action(ActionKind.ACKNOWLEDGE)),
                Route.post(BASE + "/incidents/{id}/resolve", action(ActionKind.RESOLVE)),
                Route.post(BASE + "/incidents/{id}/resolution", action(ActionKind.NOTE)),
                Route.post(BASE + "/incidents/{id}/reopen", action(ActionKind.REOPEN)),
                Route.post(BASE + "/incidents/{id}/comments", action(ActionKind.COMMENT)),
                Route.post(BASE + "/incidents/{id}/grouping-feedback", action(ActionKind.GROUPING_FEEDBACK)),
                Route.post(BASE + "/incidents/{id}/merge", restructure::merge).withScope(ApiScope.ADMIN),
                Route.post(BASE + "/incidents/{id}/split", restructure::split).withScope(ApiScope.ADMIN),
                Route.get(
                        OPENAPI_PATH, ctx -> ctx.contentType("application/json").result(openApi)));
    }

    private void list(Context ctx) {
        IncidentQuery query = IncidentQueries.listQuery(ctx);
        try {
            ctx.json(IncidentJson.page(view.list(query)));
        } catch (IllegalArgumentException e) {
            // the view rejects cursors it did not issue (or that no longer decode)
            if (query.cursor().isPresent()) {
                throw new InvalidInputException("cursor", "cursor is not one this server issued");
            }
            throw e;
        }
    }

    private void detail(Context ctx) {
        var id = IncidentQueries.id(ctx);
        Incident incident = view.find(id).orElseThrow(() -> new NotFoundException("no incident " + id));
        String key = incident.id().value();
        ctx.json(IncidentJson.detail(incident, evidence.evidence(key), summaries.summary(key)));
    }

    private IncidentActionHandler action(ActionKind kind) {
        return new IncidentActionHandler(kind, view, clock, submission);
    }

    private static byte[] loadOpenApi() {
        try (InputStream in = IncidentRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + OPENAPI_RESOURCE, e);
        }
    }
}
