package io.kubemate.webhooks.telemetry;

import io.javalin.http.Context;
import io.javalin.http.UnsupportedMediaTypeResponse;
import io.kubemate.core.telemetry.ChangeEvent;
import io.kubemate.core.telemetry.TelemetrySink;
import io.kubemate.ingest.changes.ChangeEventParser;
import io.kubemate.webhooks.http.BearerToken;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /webhooks/changes}: CloudEvents (structured, batch or binary mode; Tekton's included) and plain JSON
 * changes. Answers 200 {@code {"accepted": N}} once the changes are in Kafka.
 */
final class ChangeEventHandler extends TelemetryHandler {
    private final ChangeEventParser parser;
    private final TelemetrySink sink;

    ChangeEventHandler(
            ChangeEventParser parser,
            TelemetrySink sink,
            Optional<BearerToken> token,
            TelemetryBodies bodies,
            TelemetryMetrics metrics) {
        super("changes", "changes", token, bodies, metrics);
        this.parser = parser;
        this.sink = sink;
    }

    @Override
    void requireMediaType(String mediaType) {
        if (!ChangeEventParser.supports(mediaType)) {
            throw new UnsupportedMediaTypeResponse("Content-Type must be application/json or "
                    + "application/cloudevents+json, not '" + TelemetryBodies.printable(mediaType) + "'");
        }
    }

    @Override
    int receive(Context ctx, byte[] body) {
        List<ChangeEvent> changes = parser.parse(body, ctx.header("Content-Type"), ctx.headerMap());
        sink.appendChanges(changes);
        ctx.json(Map.of("accepted", changes.size()));
        return changes.size();
    }
}
