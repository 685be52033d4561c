package io.kubemate.ingest.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.kubemate.core.error.InvalidInputException;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * OTLP's JSON rules for scalar fields and attributes, each failure an {@link InvalidInputException} at a pointer:
 * ids are hex (not base64), enums are integers (not names), 64-bit integers are decimal strings or numbers.
 */
final class OtlpJsonValues {
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final Pattern DIGITS = Pattern.compile("-?[0-9]{1,20}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]*");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]+={0,2}");

    private OtlpJsonValues() {}

    static String pointer(String base, String key) {
        return base + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    /** An array field: empty when absent or null. */
    static List<JsonNode> array(JsonNode parent, String key, String at) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidInputException(pointer(at, key), "wrong type: expected an array");
        }
        List<JsonNode> items = new ArrayList<>(node.size());
        node.forEach(items::add);
        return items;
    }

    /** An object field, or {@code null} when absent or null. */
    static JsonNode object(JsonNode parent, String key, String at) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidInputException(pointer(at, key), "wrong type: expected an object");
        }
        return node;
    }

    static void requireObject(JsonNode node, String at) {
        if (!node.isObject()) {
            throw new InvalidInputException(at, "wrong type: expected an object");
        }
    }

    static String string(JsonNode parent, String key, String at) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isTextual()) {
            throw new InvalidInputException(pointer(at, key), "wrong type: expected a string");
        }
        return node.asText();
    }

    /** An OTLP enum: an integer; names such as {@code SPAN_KIND_SERVER} are protobuf JSON, not OTLP JSON. */
    static int enumValue(JsonNode parent, String key, String at) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return 0;
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.intValue();
        }
        if (node.isTextual()) {
            throw new InvalidInputException(
                    pointer(at, key),
                    key + " must be an integer: OTLP JSON encodes enums as integers, not names such as \""
                            + shorten(node.asText()) + "\" (that is protobuf's JsonFormat, not OTLP JSON)");
        }
        throw new InvalidInputException(pointer(at, key), key + " must be an integer (an OTLP enum value)");
    }

    /** A fixed64/uint64 field: a decimal string or a number in [0, 2^64). */
    static long uint64(JsonNode parent, String key, String at) {
        BigInteger value = integer(parent.get(key), pointer(at, key));
        if (value.signum() < 0 || value.compareTo(UINT64_MAX) > 0) {
            throw new InvalidInputException(pointer(at, key), key + " is out of range for an unsigned 64-bit integer");
        }
        return value.longValue();
    }

    /** An int64 field: a decimal string or a number. */
    static long int64(JsonNode node, String at) {
        BigInteger value = integer(node, at);
        if (value.compareTo(INT64_MIN) < 0 || value.compareTo(INT64_MAX) > 0) {
            throw new InvalidInputException(at, "out of range for a 64-bit integer");
        }
        return value.longValue();
    }

    private static BigInteger integer(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return BigInteger.ZERO;
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        if (node.isTextual() && DIGITS.matcher(node.asText()).matches()) {
            return new BigInteger(node.asText());
        }
        throw new InvalidInputException(at, "wrong type: expected an integer as a decimal string or a number");
    }

    /**
     * A trace or span id: {@code bytes * 2} hex digits, or empty/absent when {@code optional}. Base64 ids are what
     * protobuf's JsonFormat writes; OTLP JSON forbids them, and reading them as hex would invent wrong ids.
     */
    static ByteString id(JsonNode parent, String key, String at, int bytes, boolean optional) {
        JsonNode node = parent.get(key);
        String field = pointer(at, key);
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isEmpty())) {
            if (optional) {
                return ByteString.EMPTY;
            }
            throw new InvalidInputException(field, key + " is required (" + bytes * 2 + " hex digits)");
        }
        if (!node.isTextual()) {
            throw new InvalidInputException(field, "wrong type: expected " + bytes * 2 + " hex digits as a string");
        }
        String text = node.asText();
        if (text.length() == bytes * 2 && HEX.matcher(text).matches()) {
            return ByteString.copyFrom(HexFormat.of().parseHex(text));
        }
        if (text.length() == (bytes + 2) / 3 * 4 && BASE64.matcher(text).matches()) {
            throw new InvalidInputException(
                    field,
                    key + " \"" + text + "\" is base64, as protobuf's JsonFormat writes ids; OTLP JSON encodes ids as "
                            + bytes * 2 + " hex digits (this body is not OTLP JSON)");
        }
        throw new InvalidInputException(field, key + " must be " + bytes * 2 + " hex digits");
    }

    static List<KeyValue> attributes(JsonNode parent, String key, String at) {
        List<JsonNode> items = array(parent, key, at);
        List<KeyValue> result = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            result.add(keyValue(items.get(i), pointer(at, key) + "/" + i));
        }
        return result;
    }

    private static KeyValue keyValue(JsonNode node, String at) {
        requireObject(node, at);
        KeyValue.Builder kv = KeyValue.newBuilder().setKey(string(node, "key", at));
        JsonNode value = object(node, "value", at);
        if (value != null) {
            kv.setValue(anyValue(value, pointer(at, "value")));
        }
        return kv.build();
    }

    /** An AnyValue object: at most one of its value fields. */
    static AnyValue anyValue(JsonNode node, String at) {
        requireObject(node, at);
        AnyValue.Builder value = AnyValue.newBuilder();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String fieldAt = pointer(at, field.getKey());
            JsonNode v = field.getValue();
            switch (field.getKey()) {
                case "stringValue" -> value.setStringValue(text(v, fieldAt));
                case "boolValue" -> {
                    if (!v.isBoolean()) {
                        throw new InvalidInputException(fieldAt, "wrong type: expected true or false");
                    }
                    value.setBoolValue(v.booleanValue());
                }
                case "intValue" -> value.setIntValue(int64(v, fieldAt));
                case "doubleValue" -> value.setDoubleValue(doubleValue(v, fieldAt));
                case "bytesValue" -> value.setBytesValue(bytes(v, fieldAt));
                case "arrayValue" -> value.setArrayValue(arrayValue(v, fieldAt));
                case "kvlistValue" -> value.setKvlistValue(kvlist(v, fieldAt));
                default -> {
                    // unknown fields are ignored, as OTLP/JSON receivers must
                }
            }
        }
        return value.build();
    }

    private static String text(JsonNode node, String at) {
        if (!node.isTextual()) {
            throw new InvalidInputException(at, "wrong type: expected a string");
        }
        return node.asText();
    }

    private static double doubleValue(JsonNode node, String at) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            switch (node.asText()) {
                case "NaN" -> {
                    return Double.NaN;
                }
                case "Infinity" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-Infinity" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> {
                    try {
                        return Double.parseDouble(node.asText());
                    } catch (NumberFormatException e) {
                        // reported below
                    }
                }
            }
        }
        throw new InvalidInputException(at, "wrong type: expected a number");
    }

    private static ByteString bytes(JsonNode node, String at) {
        String text = text(node, at);
        try {
            return ByteString.copyFrom(
                    text.indexOf('-') >= 0 || text.indexOf('_') >= 0
                            ? Base64.getUrlDecoder().decode(text)
                            : Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(at, "bytesValue must be base64");
        }
    }

    private static ArrayValue arrayValue(JsonNode node, String at) {
        requireObject(node, at);
        ArrayValue.Builder array = ArrayValue.newBuilder();
        List<JsonNode> values = array(node, "values", at);
        for (int i = 0; i < values.size(); i++) {
            array.addValues(anyValue(values.get(i), pointer(at, "values") + "/" + i));
        }
        return array.build();
    }

    private static KeyValueList kvlist(JsonNode node, String at) {
        requireObject(node, at);
        return KeyValueList.newBuilder()
                .addAllValues(attributes(node, "values", at))
                .build();
    }

    static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
