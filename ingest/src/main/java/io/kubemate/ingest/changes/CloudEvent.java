package io.kubemate.ingest.changes;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemate.core.error.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * The CloudEvents 1.0 context attributes Kubemate reads, and the event's JSON data.
 *
 * @param dataAt the pointer of {@code data} in the body ({@code /data} in structured mode, {@code ""} in binary mode
 *     where the body is the data)
 * @param service the {@code service} extension attribute, empty when absent
 */
record CloudEvent(
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String service,
        JsonNode data,
        String dataAt) {

    static final String SPEC_VERSION = "1.0";

    /** A structured-mode event: the JSON object at {@code at}. */
    static CloudEvent structured(JsonNode event, String at) {
        if (!event.isObject()) {
            throw new InvalidInputException(at.isEmpty() ? "/" : at, "wrong type: expected a CloudEvent object");
        }
        String specversion = ChangeJson.text(event, "specversion", at);
        checkSpecVersion(specversion, ChangeJson.pointer(at, "specversion"));
        JsonNode data = event.get("data");
        if ((data == null || data.isNull()) && event.hasNonNull("data_base64")) {
            data = base64Data(event, at);
        }
        return new CloudEvent(
                required(event, "id", at),
                required(event, "source", at),
                required(event, "type", at),
                ChangeJson.text(event, "subject", at),
                ChangeJson.time(event, "time", at),
                ChangeJson.text(event, "service", at),
                data,
                ChangeJson.pointer(at, "data"));
    }

    /**
     * A binary-mode event: attributes in {@code ce-*} headers (percent-encoded, as the HTTP binding says), the data in
     * the body.
     *
     * @param headers request headers, looked up case-insensitively
     * @param data the body as JSON, or {@code null} when it is not JSON
     */
    static CloudEvent binary(Map<String, String> headers, JsonNode data) {
        checkSpecVersion(header(headers, "ce-specversion"), "ce-specversion");
        String time = header(headers, "ce-time");
        return new CloudEvent(
                requiredHeader(headers, "ce-id"),
                requiredHeader(headers, "ce-source"),
                requiredHeader(headers, "ce-type"),
                header(headers, "ce-subject"),
                time.isEmpty() ? null : ChangeJson.time(time, "ce-time"),
                header(headers, "ce-service"),
                data,
                "");
    }

    static boolean isBinary(Map<String, String> headers) {
        return !header(headers, "ce-specversion").isEmpty();
    }

    private static void checkSpecVersion(String specversion, String field) {
        if (!SPEC_VERSION.equals(specversion)) {
            throw new InvalidInputException(
                    field,
                    specversion.isEmpty()
                            ? "specversion is required; only CloudEvents 1.0 is supported"
                            : "unsupported specversion \"" + specversion + "\"; only CloudEvents 1.0 is supported");
        }
    }

    private static String required(JsonNode event, String key, String at) {
        String value = ChangeJson.text(event, key, at);
        if (value.isEmpty()) {
            throw new InvalidInputException(ChangeJson.pointer(at, key), key + " is required by CloudEvents 1.0");
        }
        return value;
    }

    private static String requiredHeader(Map<String, String> headers, String name) {
        String value = header(headers, name);
        if (value.isEmpty()) {
            throw new InvalidInputException(name, "header " + name + " is required by CloudEvents 1.0 binary mode");
        }
        return value;
    }

    private static JsonNode base64Data(JsonNode event, String at) {
        String field = ChangeJson.pointer(at, "data_base64");
        try {
            byte[] bytes = Base64.getDecoder().decode(event.get("data_base64").asText());
            return ChangeJson.read(bytes, "JSON data");
        } catch (IllegalArgumentException | InvalidInputException e) {
            throw new InvalidInputException(field, "data_base64 must be base64 of a JSON document");
        }
    }

    /** A header's value, percent-decoded and stripped; empty when absent. */
    static String header(Map<String, String> headers, String name) {
        String value = null;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().toLowerCase(Locale.ROOT).equals(name)) {
                value = header.getValue();
                break;
            }
        }
        if (value == null) {
            return "";
        }
        if (value.length() > ChangeJson.MAX_TEXT) {
            throw new InvalidInputException(name, "header is longer than " + ChangeJson.MAX_TEXT + " characters");
        }
        return percentDecode(value, name).strip();
    }

    private static String percentDecode(String value, String name) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                int hi = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(value.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw new InvalidInputException(name, "bad percent-encoding in header " + name);
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
