package io.kubemate.ingest.loki;

import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.telemetry.LogEntry;
import java.util.List;
import java.util.Objects;

/**
 * Parses the bodies of Loki's {@code POST /loki/api/v1/push} into {@link LogEntry}s with source {@value #SOURCE}.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #parseJson(byte[])}: {@code {"streams":[{"stream":{labels},"values":[["<ns>","<line>",{metadata}]]}]}};
 *       timestamps must be strings of nanoseconds since the epoch, as Loki requires; the third element (structured
 *       metadata, a flat string map) is optional.
 *   <li>{@link #parseProtobuf(byte[])}: a raw (block, not framed) snappy compressed {@code logproto.PushRequest} whose
 *       stream labels are a selector string such as {@code {app="payments",env="prod"}}.
 *   <li>The service is {@link io.kubemate.core.telemetry.ServiceNames#fromLabels} of the stream labels; the severity
 *       comes from a {@code level}, {@code severity} or {@code detected_level} label, else from the same keys in the
 *       structured metadata, else from the line itself ({@code level=error}, {@code ERROR}, {@code WARN}, ...);
 *       trace and span ids come from the structured metadata keys {@code trace_id} / {@code traceid} /
 *       {@code traceId} and {@code span_id} / {@code spanid} / {@code spanId} when they are hex ids, else stay empty.
 *   <li>A line longer than {@link Limits#maxLineChars()} is cut (and marked with a trailing {@code …}), never rejected.
 *   <li>Anything else that cannot be accepted raises {@link InvalidInputException} whose field is a JSON pointer
 *       ({@code /streams/0/values/3/0}; in protobuf bodies the pointer uses the proto field names, such as
 *       {@code /streams/1/entries/0/timestamp}); no other exception escapes, whatever the bytes.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class LokiPushParser {
    /** The {@link LogEntry#source()} of every entry this parser makes. */
    public static final String SOURCE = "loki";

    private final Limits limits;
    private final LokiJsonPush json;

    /**
     * Bounds on one body.
     *
     * @param maxEntries most log entries in one body, over all streams; more is rejected
     * @param maxLineChars longest line kept, in characters; longer lines are cut
     * @param maxLabels most labels per stream (and structured metadata pairs per entry); more is rejected
     * @param maxUncompressedBytes the largest a protobuf body may decompress to; more is rejected
     */
    public record Limits(int maxEntries, int maxLineChars, int maxLabels, int maxUncompressedBytes) {
        public Limits {
            if (maxEntries < 1 || maxLineChars < 16 || maxLabels < 1 || maxUncompressedBytes < 1) {
                throw new IllegalArgumentException("limits must be positive (maxLineChars at least 16)");
            }
        }

        /** 100,000 entries, 16 KiB (16,384 characters) per line, 64 labels, 64 MiB uncompressed. */
        public static Limits defaults() {
            return new Limits(100_000, 16 * 1024, 64, 64 * 1024 * 1024);
        }
    }

    /** A parser with {@link Limits#defaults()}. */
    public LokiPushParser() {
        this(Limits.defaults());
    }

    public LokiPushParser(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.json = new LokiJsonPush(limits);
    }

    /**
     * Parses a JSON push body ({@code Content-Type: application/json}, after any {@code Content-Encoding} was undone).
     *
     * @return the entries in body order; empty when there are no streams or values
     * @throws InvalidInputException naming the offending field as a JSON pointer
     */
    public List<LogEntry> parseJson(byte[] body) {
        return json.parse(body);
    }

    /**
     * Parses a protobuf push body ({@code Content-Type: application/x-protobuf}): raw snappy around a
     * {@code logproto.PushRequest}.
     *
     * @return the entries in body order
     * @throws InvalidInputException when the snappy block or the protobuf message is malformed, naming where
     */
    public List<LogEntry> parseProtobuf(byte[] body) {
        return new LokiProtobufPush(limits).parse(body);
    }
}
