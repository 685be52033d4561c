package io.kubemate.ingest.changes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.topic.JsonSerde;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reading change bodies: strict JSON, typed fields with pointers, RFC 3339 times, bounded text. */
final class ChangeJson {
    static final int MAX_TEXT = 1024;

    private static final ObjectMapper MAPPER = strictMapper();

    private ChangeJson() {}

    static JsonNode read(byte[] body, String what) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException("/", "the body is empty; expected " + what);
        }
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw new InvalidInputException("/", "the body is empty; expected " + what);
            }
            return root;
        } catch (StreamReadException e) {
            String pointer = e.getProcessor() == null
                    ? ""
                    : e.getProcessor().getParsingContext().pathAsPointer().toString();
            throw new InvalidInputException(pointer.isEmpty() ? "/" : pointer, "the body is not valid JSON");
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException("/", "the body is not valid JSON");
        }
    }

    static String pointer(String base, String key) {
        return base + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    /** An optional string field (numbers are taken as their text, as versions often are); empty when absent. */
    static String text(JsonNode parent, String key, String at) {
        JsonNode node = parent == null ? null : parent.get(key);
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isTextual() && !node.isNumber()) {
            throw new InvalidInputException(pointer(at, key), "wrong type: expected a string");
        }
        String text = node.asText().strip();
        if (text.length() > MAX_TEXT) {
            throw new InvalidInputException(
                    pointer(at, key), "value is " + text.length() + " characters long, at most " + MAX_TEXT);
        }
        return text;
    }

    /** An RFC 3339 time, or {@code null} when absent. */
    static Instant time(JsonNode parent, String key, String at) {
        String text = text(parent, key, at);
        return text.isEmpty() ? null : time(text, pointer(at, key));
    }

    static Instant time(String text, String field) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "time must be RFC 3339, such as 2026-11-25T16:40:00Z");
        }
    }

    static JsonNode object(JsonNode parent, String key) {
        JsonNode node = parent == null ? null : parent.get(key);
        return node != null && node.isObject() ? node : null;
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = JsonSerde.newMapper();
        mapper.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(64).build());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return mapper;
    }
}
