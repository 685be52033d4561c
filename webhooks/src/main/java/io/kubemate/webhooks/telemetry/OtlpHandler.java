package io.kubemate.webhooks.telemetry;

import io.javalin.http.Context;
import io.javalin.http.UnsupportedMediaTypeResponse;
import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.core.telemetry.SpanRecord;
import io.kubemate.core.telemetry.TelemetrySink;
import io.kubemate.ingest.otlp.OtlpEncoding;
import io.kubemate.ingest.otlp.OtlpParser;
import io.kubemate.webhooks.http.BearerToken;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /v1/traces} and {@code POST /v1/logs} (OTLP/HTTP). Success is 200 with an empty
 * {@code Export…ServiceResponse} in the request's encoding: {@code {}} for JSON, zero bytes for protobuf (an empty
 * message). A 503 carries {@code Retry-After}, which OTLP exporters honour; other errors are final for them.
 */
final class OtlpHandler extends TelemetryHandler {
    /** An {@code Export…ServiceResponse} without partial success is the empty message: no bytes at all. */
    private static final byte[] EMPTY_PROTOBUF_RESPONSE = new byte[0];

    private static final byte[] EMPTY_JSON_RESPONSE = "{}".getBytes(StandardCharsets.UTF_8);

    private final boolean traces;
    private final OtlpParser parser;
    private final TelemetrySink sink;

    private OtlpHandler(
            boolean traces,
            OtlpParser parser,
            TelemetrySink sink,
            Optional<BearerToken> token,
            TelemetryBodies bodies,
            TelemetryMetrics metrics) {
        super(traces ? "otlp_traces" : "otlp_logs", traces ? "spans" : "logs", token, bodies, metrics);
        this.traces = traces;
        this.parser = parser;
        this.sink = sink;
    }

    static OtlpHandler traces(
            OtlpParser parser,
            TelemetrySink sink,
            Optional<BearerToken> token,
            TelemetryBodies bodies,
            TelemetryMetrics metrics) {
        return new OtlpHandler(true, parser, sink, token, bodies, metrics);
    }

    static OtlpHandler logs(
            OtlpParser parser,
            TelemetrySink sink,
            Optional<BearerToken> token,
            TelemetryBodies bodies,
            TelemetryMetrics metrics) {
        return new OtlpHandler(false, parser, sink, token, bodies, metrics);
    }

    @Override
    void requireMediaType(String mediaType) {
        if (OtlpEncoding.ofContentType(mediaType).isEmpty()) {
            throw new UnsupportedMediaTypeResponse("Content-Type must be application/x-protobuf or application/json"
                    + " (OTLP/HTTP), not '" + TelemetryBodies.printable(mediaType) + "'");
        }
    }

    @Override
    int receive(Context ctx, byte[] body) {
        OtlpEncoding encoding =
                OtlpEncoding.ofContentType(ctx.header("Content-Type")).orElseThrow();
        int records;
        if (traces) {
            List<SpanRecord> spans = parser.parseTraces(body, encoding);
            sink.appendSpans(spans);
            records = spans.size();
        } else {
            List<LogEntry> logs = parser.parseLogs(body, encoding);
            sink.appendLogs(logs);
            records = logs.size();
        }
        ctx.status(200)
                .contentType(encoding.mediaType())
                .result(encoding == OtlpEncoding.JSON ? EMPTY_JSON_RESPONSE : EMPTY_PROTOBUF_RESPONSE);
        return records;
    }
}
