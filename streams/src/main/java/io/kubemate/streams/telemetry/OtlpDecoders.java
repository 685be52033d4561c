package io.kubemate.streams.telemetry;

import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.core.telemetry.SpanRecord;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * How the {@link OtlpBridgeTopology} turns one message of the Collector's topics into records. The decoding lives
 * outside the streams module (the OTLP parser is ingest's), so the composition root passes it in.
 *
 * @param spans turns one message of the spans topic into spans; throws on a message it cannot read
 * @param logs turns one message of the logs topic into log entries; throws on a message it cannot read
 */
public record OtlpDecoders(Function<byte[], List<SpanRecord>> spans, Function<byte[], List<LogEntry>> logs) {

    public OtlpDecoders {
        Objects.requireNonNull(spans, "spans");
        Objects.requireNonNull(logs, "logs");
    }
}
