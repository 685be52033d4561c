package io.kubemate.streams.telemetry;

import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.core.telemetry.SpanRecord;
import io.kubemate.core.telemetry.TelemetryTopics;
import io.kubemate.core.topic.JsonSerde;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Reads the OpenTelemetry Collector kafka exporter's topics ({@code otlp_spans}, {@code otlp_logs}; each message one
 * {@code Export*ServiceRequest} in {@code otlp_proto} or {@code otlp_json}) and writes what they hold to Kubemate's own
 * spans topic (keyed by trace id) and logs topic (keyed by service), so the service graph and evidence see Collector
 * telemetry exactly like pushed telemetry. A topic name left empty turns that half off.
 *
 * <p>A message that does not decode is not the bridge's to swallow: the decoder's exception reaches the processing
 * exception handler of {@link io.kubemate.streams.errors.FailurePolicy}, which sends the original bytes with error
 * headers to the dead-letter topic and continues, so one bad producer neither stops the streams nor disappears. An
 * empty message (a tombstone) holds nothing and is skipped.
 */
public final class OtlpBridgeTopology {
    private final TelemetryTopics topics;
    private final Function<byte[], List<SpanRecord>> spanDecoder;
    private final Function<byte[], List<LogEntry>> logDecoder;

    public OtlpBridgeTopology(TelemetryTopics topics, OtlpDecoders decoders) {
        this(topics, decoders.spans(), decoders.logs());
    }

    /**
     * @param spanDecoder turns one message of the spans topic into spans (throws on bad input)
     * @param logDecoder turns one message of the logs topic into log entries (throws on bad input)
     */
    public OtlpBridgeTopology(
            TelemetryTopics topics,
            Function<byte[], List<SpanRecord>> spanDecoder,
            Function<byte[], List<LogEntry>> logDecoder) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.spanDecoder = Objects.requireNonNull(spanDecoder, "spanDecoder");
        this.logDecoder = Objects.requireNonNull(logDecoder, "logDecoder");
    }

    /** Adds the bridges whose source topic is configured. */
    public void addTo(StreamsBuilder builder) {
        if (!topics.otlpSpans().isEmpty()) {
            builder.stream(
                            topics.otlpSpans(),
                            Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                                    .withName("otlp-spans-source"))
                    .flatMap(
                            (key, value) -> decode(spanDecoder, value).stream()
                                    .map(span -> KeyValue.pair(span.traceId(), span))
                                    .toList(),
                            Named.as("otlp-spans-decode"))
                    .to(
                            topics.spans(),
                            Produced.with(Serdes.String(), new JsonSerde<>(SpanRecord.class))
                                    .withName("otlp-spans-sink"));
        }
        if (!topics.otlpLogs().isEmpty()) {
            builder.stream(
                            topics.otlpLogs(),
                            Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                                    .withName("otlp-logs-source"))
                    .flatMap(
                            (key, value) -> decode(logDecoder, value).stream()
                                    .map(entry -> KeyValue.pair(entry.service(), entry))
                                    .toList(),
                            Named.as("otlp-logs-decode"))
                    .to(
                            topics.logs(),
                            Produced.with(Serdes.String(), new JsonSerde<>(LogEntry.class))
                                    .withName("otlp-logs-sink"));
        }
    }

    private static <T> List<T> decode(Function<byte[], List<T>> decoder, byte[] value) {
        // a failure propagates on purpose: the failure policy dead-letters the source record and continues
        return value == null || value.length == 0 ? List.of() : decoder.apply(value);
    }
}
