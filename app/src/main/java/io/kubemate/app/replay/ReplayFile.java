package io.kubemate.app.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemate.core.error.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A parsed replay file: NDJSON, one record per line, blank lines ignored. Each record is {@code {"type", "at",
 * "body", "incident"?, "rootCause"?}}; {@link #records()} are in {@code at} order (file order among equal times).
 *
 * @param name the file name without its extension
 * @param records the records, in {@code at} order
 */
record ReplayFile(String name, List<ReplayRecord> records) {
    ReplayFile {
        records = List.copyOf(records);
    }

    /**
     * Reads {@code path}.
     *
     * @throws InvalidInputException naming {@code line N: /field} for the first bad record
     * @throws IOException when the file cannot be read
     */
    static ReplayFile read(Path path, ObjectMapper json) throws IOException {
        String file = path.getFileName().toString();
        String name = file.contains(".") ? file.substring(0, file.indexOf('.')) : file;
        try (Reader reader = Files.newBufferedReader(path)) {
            return read(name, reader, json);
        }
    }

    /**
     * Reads the recording {@code name} from {@code reader} (a file bundled as a resource, say); does not close it.
     *
     * @throws InvalidInputException naming {@code line N: /field} for the first bad record
     * @throws IOException when the reader fails
     */
    static ReplayFile read(String name, Reader reader, ObjectMapper json) throws IOException {
        return new ReplayFile(name, parse(reader, json));
    }

    static List<ReplayRecord> parse(Reader reader, ObjectMapper json) throws IOException {
        List<ReplayRecord> records = new ArrayList<>();
        BufferedReader lines = new BufferedReader(reader);
        String text;
        int number = 0;
        while ((text = lines.readLine()) != null) {
            number++;
            if (!text.isBlank()) {
                records.add(record(number, text, json));
            }
        }
        if (records.isEmpty()) {
            throw new InvalidInputException("line 1", "the replay file holds no records");
        }
        records.sort(Comparator.comparing(ReplayRecord::at));
        return records;
    }

    private static ReplayRecord record(int line, String text, ObjectMapper json) {
        String where = "line " + line + ": ";
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(where + "/", "not JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidInputException(where + "/", "a record must be a JSON object");
        }
        String typeName = text(object, "type", where, true);
        RecordType type = RecordType.of(typeName)
                .orElseThrow(() -> new InvalidInputException(
                        where + "/type",
                        "type must be one of "
                                + Arrays.stream(RecordType.values())
                                        .map(RecordType::wireName)
                                        .collect(Collectors.joining(", "))));
        Instant at;
        try {
            at = Instant.parse(text(object, "at", where, true));
        } catch (DateTimeException e) {
            throw new InvalidInputException(where + "/at", "at must be an RFC 3339 time such as 2026-11-25T16:44:05Z");
        }
        if (!(object.get("body") instanceof ObjectNode body)) {
            throw new InvalidInputException(where + "/body", "body must be a JSON object");
        }
        return new ReplayRecord(
                line, type, at, body, text(object, "incident", where, false), text(object, "rootCause", where, false));
    }

    private static String text(ObjectNode object, String field, String where, boolean required) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new InvalidInputException(where + "/" + field, field + " is required");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidInputException(where + "/" + field, field + " must be a non-empty string");
        }
        return value.asText();
    }
}
