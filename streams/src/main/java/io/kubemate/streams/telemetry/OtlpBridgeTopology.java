package io.kubemate.streams.telemetry;

import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.core.telemetry.SpanRecord;
import io.kubemate.core.telemetry.TelemetryTopics;
import io.kubemate.core.topic.JsonSerde;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the OpenTelemetry Collector kafka exporter's topics ({@code otlp_spans}, {@code otlp_logs}; each message one
 * {@code Export*ServiceRequest} in {@code otlp_proto} or {@code otlp_json}) and writes what they hold to Kubemate's own
 * spans topic (keyed by trace id) and logs topic (keyed by service), so the service graph and evidence see Collector
 * telemetry exactly like pushed telemetry. A message that does not decode is skipped with a warning: one bad producer
 * must not stop the streams. A topic name left empty turns that half off.
 */
public final class OtlpBridgeTopology {
    private static final Logger LOG = LoggerFactory.getLogger(OtlpBridgeTopology.class);

    private final TelemetryTopics topics;
    private final Function<byte[], List<SpanRecord>> spanDecoder;
    private final Function<byte[], List<LogEntry>> logDecoder;

    /**
     * @param spanDecoder turns one message of the spans topic into spans (throws on bad input)
     * @param logDecoder turns one message of the logs topic into log entries (throws on bad input)
     */
    public OtlpBridgeTopology(
            TelemetryTopics topics,
            Function<byte[], List<SpanRecord>> spanDecoder,
            Function<byte[], List<LogEntry>> logDecoder) {
        this.topics = topics;
        this.spanDecoder = spanDecoder;
        this.logDecoder = logDecoder;
    }

    /** Adds the bridges whose source topic is configured. */
    public void addTo(StreamsBuilder builder) {
        if (!topics.otlpSpans().isEmpty()) {
            builder.stream(
                            topics.otlpSpans(),
                            Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                                    .withName("otlp-spans-source"))
                    .flatMap(
                            (key, value) -> decode(spanDecoder, value, topics.otlpSpans()).stream()
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
                            (key, value) -> decode(logDecoder, value, topics.otlpLogs()).stream()
                                    .map(entry -> KeyValue.pair(entry.service(), entry))
                                    .toList(),
                            Named.as("otlp-logs-decode"))
                    .to(
                            topics.logs(),
                            Produced.with(Serdes.String(), new JsonSerde<>(LogEntry.class))
                                    .withName("otlp-logs-sink"));
        }
    }

    private static <T> List<T> decode(Function<byte[], List<T>> decoder, byte[] value, String topic) {
        if (value == null || value.length == 0) {
            return List.of();
        }
        try {
            return decoder.apply(value);
        } catch (RuntimeException e) {
            LOG.warn("skipping a message of {} that is not OTLP: {}", topic, e.getMessage());
            return List.of();
        }
    }
}
