package io.kubemate.ingest.otlp;

import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.core.telemetry.SpanRecord;
import java.time.Clock;
import java.util.List;

/**
 * Decodes the messages of the OpenTelemetry Collector's kafka exporter topics ({@code otlp_spans},
 * {@code otlp_logs}): each message is one {@code Export*ServiceRequest} in the exporter's {@code otlp_proto} or
 * {@code otlp_json} encoding, the same bytes as an OTLP/HTTP body. Records get the source {@value #SOURCE}. Its
 * methods fit {@code java.util.function.Function<byte[], List<...>>}, e.g. {@code decoder::decodeSpans}.
 * Thread-safe.
 */
public final class OtlpKafkaDecoder {
    /** The {@code source} of records read from the Collector's topics. */
    public static final String SOURCE = "otlp-kafka";

    private final OtlpEncoding encoding;
    private final OtlpParser parser;

    /**
     * @param encoding the Collector's encoding name, {@code otlp_proto} or {@code otlp_json}
     * @throws IllegalArgumentException for any other encoding
     */
    public OtlpKafkaDecoder(String encoding, Clock clock) {
        this.encoding = OtlpEncoding.ofKafkaEncoding(encoding);
        this.parser = new OtlpParser(clock, OtlpParser.Limits.defaults(), SOURCE);
    }

    /**
     * The spans of one message of the spans topic.
     *
     * @throws InvalidInputException when the message is not an {@code ExportTraceServiceRequest} in the encoding
     */
    public List<SpanRecord> decodeSpans(byte[] message) {
        return parser.parseTraces(message, encoding);
    }

    /**
     * The log entries of one message of the logs topic.
     *
     * @throws InvalidInputException when the message is not an {@code ExportLogsServiceRequest} in the encoding
     */
    public List<LogEntry> decodeLogs(byte[] message) {
        return parser.parseLogs(message, encoding);
    }
}
