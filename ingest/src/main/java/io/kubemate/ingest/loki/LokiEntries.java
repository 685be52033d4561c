package io.kubemate.ingest.loki;

import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.core.telemetry.ServiceNames;
import io.kubemate.core.telemetry.Severities;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns one Loki entry (stream labels, timestamp, line, structured metadata) into a {@link LogEntry}. */
final class LokiEntries {
    private static final List<String> LEVEL_KEYS = List.of("level", "severity", "detected_level");
    private static final List<String> TRACE_KEYS = List.of("trace_id", "traceid", "traceId");
    private static final List<String> SPAN_KEYS = List.of("span_id", "spanid", "spanId");

    /** {@code level=error}, {@code "level":"warn"}, {@code severity: info} near the start of a line. */
    private static final Pattern LEVEL_FIELD =
            Pattern.compile("(?i)\\b(?:level|lvl|severity)\\b\"?\\s*[=:]\\s*\"?([a-z]+)");
    /** A bare upper-case level word, as most text layouts print it. */
    private static final Pattern LEVEL_WORD =
            Pattern.compile("\\b(ERROR|ERR|FATAL|PANIC|CRITICAL|CRIT|SEVERE|WARN|WARNING|INFO|DEBUG|TRACE)\\b");

    private static final int SNIFF_CHARS = 256;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int maxLineChars;

    LokiEntries(int maxLineChars) {
        this.maxLineChars = maxLineChars;
    }

    LogEntry entry(Map<String, String> labels, long epochNanos, String line, Map<String, String> metadata) {
        String severity = firstLevel(labels);
        if (severity.isEmpty()) {
            severity = firstLevel(metadata);
        }
        if (severity.isEmpty()) {
            severity = sniff(line);
        }
        return new LogEntry(
                ServiceNames.fromLabels(labels),
                Instant.ofEpochSecond(
                        Math.floorDiv(epochNanos, NANOS_PER_SECOND), Math.floorMod(epochNanos, NANOS_PER_SECOND)),
                truncate(line),
                severity,
                labels,
                hexId(metadata, TRACE_KEYS, 32),
                hexId(metadata, SPAN_KEYS, 16),
                LokiPushParser.SOURCE);
    }

    /** Nanoseconds since the epoch from a decimal string, as Loki's JSON push requires. */
    static long epochNanos(String text, String field) {
        if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidInputException(
                    field,
                    "timestamp must be a string of nanoseconds since the epoch, such as \"1795625902642600824\"");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "timestamp is out of range");
        }
    }

    String truncate(String line) {
        if (line.length() <= maxLineChars) {
            return line;
        }
        int end = maxLineChars - 1;
        if (Character.isHighSurrogate(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(0, end) + "…";
    }

    private static String firstLevel(Map<String, String> map) {
        for (String key : LEVEL_KEYS) {
            String value = map.get(key);
            if (value != null) {
                String level = Severities.fromText(value);
                if (!level.isEmpty()) {
                    return level;
                }
            }
        }
        return "";
    }

    /** The level a line announces near its start, or empty. */
    static String sniff(String line) {
        String head = line.length() > SNIFF_CHARS ? line.substring(0, SNIFF_CHARS) : line;
        Matcher field = LEVEL_FIELD.matcher(head);
        if (field.find()) {
            String level = Severities.fromText(field.group(1));
            if (!level.isEmpty()) {
                return level;
            }
        }
        Matcher word = LEVEL_WORD.matcher(head);
        return word.find() ? Severities.fromText(word.group(1)) : "";
    }

    /**
     * A trace or span id from structured metadata, lower-cased and left-padded with zeros to {@code hexDigits}
     * (Jaeger's 64-bit trace ids, ids printed without leading zeros); empty when absent or not a hex id, since a
     * malformed id in a log line must not cost the line.
     */
    private static String hexId(Map<String, String> metadata, List<String> keys, int hexDigits) {
        for (String key : keys) {
            String value = metadata.get(key);
            if (value == null) {
                continue;
            }
            String id = value.strip().toLowerCase(Locale.ROOT);
            if (id.isEmpty()
                    || id.length() > hexDigits
                    || !isHex(id)
                    || id.chars().allMatch(c -> c == '0')) {
                return "";
            }
            return "0".repeat(hexDigits - id.length()) + id;
        }
        return "";
    }

    private static boolean isHex(String text) {
        return text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
