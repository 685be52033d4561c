package io.kubemate.ingest.otlp;

import com.google.protobuf.ByteString;
import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.telemetry.ServiceNames;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading decoded OTLP messages: ids as hex, AnyValues as text, resources as labels, times as instants. */
final class OtlpValues {
    private static final HexFormat HEX = HexFormat.of();
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private OtlpValues() {}

    /** A required id of {@code bytes} bytes, not all zero, as lower-case hex. */
    static String requiredId(ByteString id, int bytes, String field) {
        if (id.isEmpty()) {
            throw new InvalidInputException(field, "the id is required (" + bytes + " bytes)");
        }
        return optionalId(id, bytes, field);
    }

    /** An optional id: empty stays empty, otherwise {@code bytes} bytes, not all zero, as lower-case hex. */
    static String optionalId(ByteString id, int bytes, String field) {
        if (id.isEmpty()) {
            return "";
        }
        if (id.size() != bytes) {
            throw new InvalidInputException(field, "the id must be " + bytes + " bytes, was " + id.size());
        }
        for (int i = 0; i < bytes; i++) {
            if (id.byteAt(i) != 0) {
                return HEX.formatHex(id.toByteArray());
            }
        }
        throw new InvalidInputException(field, "the id must not be all zeros");
    }

    /** Nanoseconds since the epoch (an unsigned fixed64 on the wire) as an instant. */
    static Instant instant(long epochNanos, String field) {
        if (epochNanos < 0) {
            throw new InvalidInputException(field, "the time is out of range");
        }
        return Instant.ofEpochSecond(epochNanos / NANOS_PER_SECOND, epochNanos % NANOS_PER_SECOND);
    }

    /** The resource attributes that are strings (at most {@code max} of them, the first ones), in wire order. */
    static Map<String, String> stringAttributes(List<KeyValue> attributes, int max) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (KeyValue kv : attributes) {
            if (labels.size() >= max) {
                break;
            }
            if (kv.getValue().getValueCase() == AnyValue.ValueCase.STRING_VALUE
                    && !kv.getKey().isEmpty()) {
                labels.put(kv.getKey(), kv.getValue().getStringValue());
            }
        }
        return labels;
    }

    /** The resource's {@code service.name}, else any service label {@link ServiceNames} knows. */
    static String service(Map<String, String> resource) {
        String name = resource.get("service.name");
        return name != null && !name.isBlank() ? name.strip() : ServiceNames.fromLabels(resource);
    }

    /** An AnyValue as text of at most {@code maxChars} characters (cut ones end with {@code …}). */
    static String text(AnyValue value, int maxChars) {
        StringBuilder out = new StringBuilder();
        append(out, value, maxChars);
        return truncate(out.toString(), maxChars);
    }

    private static void append(StringBuilder out, AnyValue value, int maxChars) {
        if (out.length() > maxChars) {
            return;
        }
        switch (value.getValueCase()) {
            case STRING_VALUE -> out.append(value.getStringValue());
            case BOOL_VALUE -> out.append(value.getBoolValue());
            case INT_VALUE -> out.append(value.getIntValue());
            case DOUBLE_VALUE -> out.append(value.getDoubleValue());
            case BYTES_VALUE -> out.append(
                    Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()));
            case ARRAY_VALUE -> {
                out.append('[');
                List<AnyValue> values = value.getArrayValue().getValuesList();
                for (int i = 0; i < values.size() && out.length() <= maxChars; i++) {
                    out.append(i == 0 ? "" : ", ");
                    append(out, values.get(i), maxChars);
                }
                out.append(']');
            }
            case KVLIST_VALUE -> {
                out.append('{');
                List<KeyValue> values = value.getKvlistValue().getValuesList();
                for (int i = 0; i < values.size() && out.length() <= maxChars; i++) {
                    out.append(i == 0 ? "" : ", ")
                            .append(values.get(i).getKey())
                            .append('=');
                    append(out, values.get(i).getValue(), maxChars);
                }
                out.append('}');
            }
            default -> {
                // an empty AnyValue is an empty text
            }
        }
    }

    static String truncate(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars - 1;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
