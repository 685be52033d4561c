package io.kubemate.webhooks.telemetry;

import io.javalin.http.Context;
import io.javalin.http.UnsupportedMediaTypeResponse;
import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.core.telemetry.TelemetrySink;
import io.kubemate.ingest.loki.LokiPushParser;
import io.kubemate.webhooks.http.BearerToken;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /loki/api/v1/push}: Loki's push API in JSON or in snappy protobuf (what Promtail and Alloy send; like
 * Loki, a body without a {@code Content-Type} is taken as protobuf). Answers 204, as Loki does, once the entries are
 * in Kafka.
 */
final class LokiPushHandler extends TelemetryHandler {
    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON = "application/json";

    private final LokiPushParser parser;
    private final TelemetrySink sink;

    LokiPushHandler(
            LokiPushParser parser,
            TelemetrySink sink,
            Optional<BearerToken> token,
            TelemetryBodies bodies,
            TelemetryMetrics metrics) {
        super("loki", "logs", token, bodies, metrics);
        this.parser = parser;
        this.sink = sink;
    }

    @Override
    void requireMediaType(String mediaType) {
        if (!mediaType.isEmpty() && !mediaType.equals(PROTOBUF) && !mediaType.equals(JSON)) {
            throw new UnsupportedMediaTypeResponse("Content-Type must be application/x-protobuf (snappy) or "
                    + "application/json, not '" + TelemetryBodies.printable(mediaType) + "'");
        }
    }

    @Override
    int receive(Context ctx, byte[] body) {
        boolean json = TelemetryBodies.mediaType(ctx.header("Content-Type")).equals(JSON);
        List<LogEntry> entries = json ? parser.parseJson(body) : parser.parseProtobuf(body);
        sink.appendLogs(entries);
        ctx.status(204);
        return entries.size();
    }
}
