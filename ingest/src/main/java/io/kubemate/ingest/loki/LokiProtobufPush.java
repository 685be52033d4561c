package io.kubemate.ingest.loki;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.telemetry.LogEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xerial.snappy.Snappy;

/**
 * Loki's protobuf push body, decoded by hand (Loki publishes no Java classes):
 *
 * <pre>
 * PushRequest   { repeated StreamAdapter streams = 1; }
 * StreamAdapter { string labels = 1; repeated EntryAdapter entries = 2; uint64 hash = 3; }
 * EntryAdapter  { google.protobuf.Timestamp timestamp = 1; string line = 2;
 *                 repeated LabelPairAdapter structuredMetadata = 3; }
 * LabelPairAdapter { string name = 1; string value = 2; }
 * Timestamp     { int64 seconds = 1; int32 nanos = 2; }
 * </pre>
 *
 * Unknown fields are skipped, as protobuf readers must. One instance per body: it tracks where it is for errors.
 */
final class LokiProtobufPush {
    private static final int LEN = WireFormat.WIRETYPE_LENGTH_DELIMITED;
    private static final int STREAMS = tag(1, LEN);
    private static final int LABELS = tag(1, LEN);
    private static final int ENTRIES = tag(2, LEN);
    private static final int TIMESTAMP = tag(1, LEN);
    private static final int LINE = tag(2, LEN);
    private static final int METADATA = tag(3, LEN);
    private static final int NAME = tag(1, LEN);
    private static final int VALUE = tag(2, LEN);
    private static final int SECONDS = tag(1, WireFormat.WIRETYPE_VARINT);
    private static final int NANOS = tag(2, WireFormat.WIRETYPE_VARINT);

    private final LokiPushParser.Limits limits;
    private final LokiEntries entries;
    private final List<LogEntry> out = new ArrayList<>();
    private String at = "/";

    /** A field's tag as on the wire: its number, then its wire type in the low three bits. */
    private static int tag(int field, int wireType) {
        return field << 3 | wireType;
    }

    LokiProtobufPush(LokiPushParser.Limits limits) {
        this.limits = limits;
        this.entries = new LokiEntries(limits.maxLineChars());
    }

    List<LogEntry> parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException("/", "the body is empty; expected a snappy compressed PushRequest");
        }
        byte[] message = uncompress(body);
        try {
            CodedInputStream in = CodedInputStream.newInstance(message);
            int stream = 0;
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (tag == STREAMS) {
                    at = "/streams/" + stream;
                    int limit = in.pushLimit(in.readRawVarint32());
                    stream(in, at);
                    in.popLimit(limit);
                    stream++;
                } else {
                    in.skipField(tag);
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidInputException(at, "the body is not a valid Loki PushRequest: " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidInputException(at, "the body is not a valid Loki PushRequest");
        }
        return out;
    }

    private byte[] uncompress(byte[] body) {
        try {
            int length = Snappy.uncompressedLength(body);
            if (length < 0 || length > limits.maxUncompressedBytes()) {
                throw new InvalidInputException(
                        "/",
                        "the body would decompress to " + Integer.toUnsignedString(length) + " bytes, at most "
                                + limits.maxUncompressedBytes() + " allowed");
            }
            if (!Snappy.isValidCompressedBuffer(body)) {
                throw new InvalidInputException("/", notSnappy());
            }
            return Snappy.uncompress(body);
        } catch (IOException e) {
            throw new InvalidInputException("/", notSnappy());
        }
    }

    private static String notSnappy() {
        return "the body is not raw (block) snappy; Loki's protobuf push is a snappy compressed PushRequest"
                + " (send JSON with Content-Type: application/json otherwise)";
    }

    private void stream(CodedInputStream in, String streamAt) throws IOException {
        // labels may come after the entries on the wire; collect the raw entries first
        String selector = null;
        List<RawEntry> raw = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == LABELS) {
                at = streamAt + "/labels";
                selector = in.readString();
            } else if (tag == ENTRIES) {
                at = streamAt + "/entries/" + raw.size();
                if (out.size() + raw.size() >= limits.maxEntries()) {
                    throw new InvalidInputException(
                            at, "too many entries: at most " + limits.maxEntries() + " per push");
                }
                int limit = in.pushLimit(in.readRawVarint32());
                raw.add(entry(in, at));
                in.popLimit(limit);
            } else {
                in.skipField(tag);
            }
        }
        if (selector == null) {
            throw new InvalidInputException(streamAt + "/labels", "labels are required, such as {app=\"payments\"}");
        }
        Map<String, String> labels = LabelSelector.parse(selector, streamAt + "/labels", limits.maxLabels());
        for (RawEntry entry : raw) {
            out.add(entries.entry(labels, entry.nanos(), entry.line(), entry.metadata()));
        }
    }

    private RawEntry entry(CodedInputStream in, String entryAt) throws IOException {
        Long nanos = null;
        String line = "";
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == TIMESTAMP) {
                at = entryAt + "/timestamp";
                int limit = in.pushLimit(in.readRawVarint32());
                nanos = timestamp(in, at);
                in.popLimit(limit);
            } else if (tag == LINE) {
                at = entryAt + "/line";
                line = in.readString();
            } else if (tag == METADATA) {
                at = entryAt + "/structuredMetadata/" + metadata.size();
                if (metadata.size() >= limits.maxLabels()) {
                    throw new InvalidInputException(
                            at, "too many structured metadata pairs: at most " + limits.maxLabels());
                }
                int limit = in.pushLimit(in.readRawVarint32());
                pair(in, metadata);
                in.popLimit(limit);
            } else {
                in.skipField(tag);
            }
        }
        if (nanos == null) {
            throw new InvalidInputException(entryAt + "/timestamp", "timestamp is required");
        }
        return new RawEntry(nanos, line, metadata);
    }

    private static long timestamp(CodedInputStream in, String field) throws IOException {
        long seconds = 0;
        int nanos = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == SECONDS) {
                seconds = in.readInt64();
            } else if (tag == NANOS) {
                nanos = in.readInt32();
            } else {
                in.skipField(tag);
            }
        }
        if (seconds < 0 || nanos < 0 || nanos > 999_999_999 || seconds > Long.MAX_VALUE / 1_000_000_000L - 1) {
            throw new InvalidInputException(field, "timestamp is out of range");
        }
        return seconds * 1_000_000_000L + nanos;
    }

    private static void pair(CodedInputStream in, Map<String, String> into) throws IOException {
        String name = "";
        String value = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == NAME) {
                name = in.readString();
            } else if (tag == VALUE) {
                value = in.readString();
            } else {
                in.skipField(tag);
            }
        }
        if (!name.isEmpty()) {
            into.put(name, value);
        }
    }

    private record RawEntry(long nanos, String line, Map<String, String> metadata) {}
}
