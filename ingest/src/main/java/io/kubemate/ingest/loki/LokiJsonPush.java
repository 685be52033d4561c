package io.kubemate.ingest.loki;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.core.topic.JsonSerde;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loki's JSON push body: {@code {"streams":[{"stream":{...},"values":[["<ns>","<line>",{...}]]}]}}. */
final class LokiJsonPush {
    private static final String ROOT = "/";

    private final LokiPushParser.Limits limits;
    private final LokiEntries entries;
    private final ObjectMapper mapper;

    LokiJsonPush(LokiPushParser.Limits limits) {
        this.limits = limits;
        this.entries = new LokiEntries(limits.maxLineChars());
        this.mapper = strictMapper();
    }

    List<LogEntry> parse(byte[] body) {
        JsonNode root = read(body);
        if (!root.isObject()) {
            throw new InvalidInputException(ROOT, "the body must be a JSON object with \"streams\"");
        }
        JsonNode streams = root.get("streams");
        if (streams == null || streams.isNull()) {
            throw new InvalidInputException("/streams", "streams is required (an array, may be empty)");
        }
        requireArray(streams, "/streams");
        List<LogEntry> result = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            stream(streams.get(i), "/streams/" + i, result);
        }
        return result;
    }

    private void stream(JsonNode stream, String at, List<LogEntry> out) {
        if (!stream.isObject()) {
            throw new InvalidInputException(at, "wrong type: expected an object with \"stream\" and \"values\"");
        }
        Map<String, String> labels = stringMap(stream.get("stream"), at + "/stream", true);
        JsonNode values = stream.get("values");
        if (values == null || values.isNull()) {
            throw new InvalidInputException(at + "/values", "values is required (an array of [timestamp, line])");
        }
        requireArray(values, at + "/values");
        for (int j = 0; j < values.size(); j++) {
            String valueAt = at + "/values/" + j;
            if (out.size() >= limits.maxEntries()) {
                throw new InvalidInputException(
                        valueAt, "too many entries: at most " + limits.maxEntries() + " per push");
            }
            out.add(value(values.get(j), labels, valueAt));
        }
    }

    private LogEntry value(JsonNode value, Map<String, String> labels, String at) {
        if (!value.isArray() || value.size() < 2 || value.size() > 3) {
            throw new InvalidInputException(
                    at, "wrong type: expected an array [\"<ns timestamp>\", \"<line>\"] with optional metadata");
        }
        JsonNode ts = value.get(0);
        if (!ts.isTextual()) {
            throw new InvalidInputException(
                    at + "/0", "timestamp must be a string of nanoseconds since the epoch (Loki rejects numbers)");
        }
        long nanos = LokiEntries.epochNanos(ts.asText(), at + "/0");
        JsonNode line = value.get(1);
        if (!line.isTextual()) {
            throw new InvalidInputException(at + "/1", "wrong type: expected the log line as a string");
        }
        Map<String, String> metadata = value.size() == 3 ? stringMap(value.get(2), at + "/2", false) : Map.of();
        return entries.entry(labels, nanos, line.asText(), metadata);
    }

    private Map<String, String> stringMap(JsonNode node, String at, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidInputException(at, "stream labels are required (an object of strings)");
            }
            return Map.of();
        }
        if (!node.isObject()) {
            throw new InvalidInputException(at, "wrong type: expected an object of string values");
        }
        if (node.size() > limits.maxLabels()) {
            throw new InvalidInputException(at, "too many labels: " + node.size() + ", at most " + limits.maxLabels());
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (field.getKey().isEmpty()) {
                throw new InvalidInputException(at, "label names must not be empty");
            }
            if (!field.getValue().isTextual()) {
                throw new InvalidInputException(
                        at + "/" + escape(field.getKey()), "wrong type: expected a string value");
            }
            map.put(field.getKey(), field.getValue().asText());
        }
        return map;
    }

    private static void requireArray(JsonNode node, String at) {
        if (!node.isArray()) {
            throw new InvalidInputException(at, "wrong type: expected an array");
        }
    }

    private JsonNode read(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException(ROOT, "the body is empty; expected Loki's push JSON");
        }
        try {
            JsonNode root = mapper.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw new InvalidInputException(ROOT, "the body is empty; expected Loki's push JSON");
            }
            return root;
        } catch (StreamReadException e) {
            throw new InvalidInputException(pointerOf(e), "the body is not valid JSON");
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(ROOT, "the body is not valid JSON");
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException(ROOT, "the body is not valid JSON");
        }
    }

    private static String pointerOf(StreamReadException e) {
        if (e.getProcessor() == null) {
            return ROOT;
        }
        String pointer = e.getProcessor().getParsingContext().pathAsPointer().toString();
        return pointer.isEmpty() ? ROOT : pointer;
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
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
