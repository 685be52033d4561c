package io.kubemate.app.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.kubemate.core.error.InvalidInputException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

/**
 * Moves the times inside record bodies onto the replay's clock: recording time {@code t} becomes {@code now + (t −
 * first) / speed}, so the first record happens now and every time keeps its place relative to the others on the
 * same (compressed) clock the records are sent on. At speed 1 that is a plain shift. Durations inside one item (a
 * span's length, its events' offsets) are kept as recorded, so latency figures stay real at any speed.
 *
 * <p>Rebased fields: Alertmanager {@code alerts[].startsAt/endsAt} (Go's zero time stays), Loki {@code
 * streams[].values[][0]} (nanosecond strings), OTLP spans' {@code startTimeUnixNano} (end and event times follow at
 * their recorded offsets), OTLP log records' {@code timeUnixNano/observedTimeUnixNano}, and a change's {@code time}.
 */
final class TimeRebase {
    /** Go's zero {@code time.Time}: Alertmanager's {@code endsAt} while an alert fires; never moved. */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private final Instant first;
    private final Instant now;
    private final double speed;

    TimeRebase(Instant first, Instant now, double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number: " + speed);
        }
        this.first = first;
        this.now = now;
        this.speed = speed;
    }

    /** Where recording time {@code t} lands on the replay clock. */
    Instant map(Instant t) {
        Duration since = Duration.between(first, t);
        double nanos = since.getSeconds() * 1e9 + since.getNano();
        long scaled = Math.round(nanos / speed);
        return now.plusSeconds(Math.floorDiv(scaled, 1_000_000_000L)).plusNanos(Math.floorMod(scaled, 1_000_000_000L));
    }

    /**
     * A rebased deep copy of {@code body}.
     *
     * @throws InvalidInputException naming the field (a JSON pointer under {@code /body}) when a time does not parse
     */
    ObjectNode rebase(RecordType type, ObjectNode body) {
        ObjectNode copy = body.deepCopy();
        switch (type) {
            case ALERTMANAGER -> each(copy, "alerts", "/body", (alert, at) -> {
                rfc3339(alert, "startsAt", at);
                rfc3339(alert, "endsAt", at);
            });
            case LOKI -> each(copy, "streams", "/body", (stream, at) -> {
                JsonNode values = stream.get("values");
                if (values instanceof ArrayNode entries) {
                    for (int i = 0; i < entries.size(); i++) {
                        if (entries.get(i) instanceof ArrayNode entry && entry.size() > 0) {
                            entry.set(0, nanos(entry.get(0), at + "/values/" + i + "/0", null, 0));
                        }
                    }
                }
            });
            case OTLP_TRACES -> each(
                    copy,
                    "resourceSpans",
                    "/body",
                    (resource, r) ->
                            each(resource, "scopeSpans", r, (scope, s) -> each(scope, "spans", s, this::span)));
            case OTLP_LOGS -> each(
                    copy,
                    "resourceLogs",
                    "/body",
                    (resource, r) -> each(
                            resource,
                            "scopeLogs",
                            r,
                            (scope, s) -> each(scope, "logRecords", s, (log, at) -> {
                                long time = readNanos(log.get("timeUnixNano"), at + "/timeUnixNano");
                                replaceNanos(log, "timeUnixNano", at, null, 0);
                                replaceNanos(
                                        log,
                                        "observedTimeUnixNano",
                                        at,
                                        time == 0 ? null : log.get("timeUnixNano"),
                                        time);
                            })));
            case CHANGE -> rfc3339(copy, "time", "/body");
        }
        return copy;
    }

    /** A span's start moves; its end and event times keep their recorded offsets from the start. */
    private void span(ObjectNode span, String at) {
        long start = readNanos(span.get("startTimeUnixNano"), at + "/startTimeUnixNano");
        if (start == 0) {
            return;
        }
        replaceNanos(span, "startTimeUnixNano", at, null, 0);
        JsonNode movedStart = span.get("startTimeUnixNano");
        replaceNanos(span, "endTimeUnixNano", at, movedStart, start);
        each(span, "events", at, (event, e) -> replaceNanos(event, "timeUnixNano", e, movedStart, start));
    }

    /**
     * Replaces {@code field} of {@code node}: mapped on the replay clock when {@code anchor} is null, otherwise
     * moved by the same amount as {@code anchorBefore} moved to {@code anchor}.
     */
    private void replaceNanos(ObjectNode node, String field, String at, JsonNode anchor, long anchorBefore) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        node.set(field, nanos(value, at + "/" + field, anchor, anchorBefore));
    }

    private JsonNode nanos(JsonNode value, String at, JsonNode anchor, long anchorBefore) {
        long before = readNanos(value, at);
        if (before == 0) {
            return value;
        }
        long after = anchor == null
                ? toNanos(map(Instant.ofEpochSecond(0, before)), at)
                : readNanos(anchor, at) + (before - anchorBefore);
        return value.isTextual() ? TextNode.valueOf(Long.toString(after)) : LongNode.valueOf(after);
    }

    private static long readNanos(JsonNode value, String at) {
        if (value == null || value.isNull()) {
            return 0;
        }
        try {
            if (value.isTextual()) {
                return Long.parseLong(value.asText());
            }
            if (value.canConvertToExactIntegral() && value.canConvertToLong()) {
                return value.asLong();
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(at, "expected Unix nanoseconds as a decimal string or number");
    }

    private static long toNanos(Instant instant, String at) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (ArithmeticException e) {
            throw new InvalidInputException(at, "time out of range");
        }
    }

    private void rfc3339(ObjectNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null
                || value.isNull()
                || (value.isTextual() && value.asText().isEmpty())) {
            return;
        }
        if (!value.isTextual()) {
            throw new InvalidInputException(at + "/" + field, field + " must be an RFC 3339 string");
        }
        Instant parsed;
        try {
            parsed = Instant.parse(value.asText());
        } catch (DateTimeException e) {
            throw new InvalidInputException(at + "/" + field, field + " is not an RFC 3339 time");
        }
        if (!parsed.equals(GO_ZERO_TIME)) {
            node.put(field, map(parsed).toString());
        }
    }

    private interface ItemAction {
        void apply(ObjectNode item, String at);
    }

    private static void each(ObjectNode parent, String field, String at, ItemAction action) {
        if (parent.get(field) instanceof ArrayNode items) {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) instanceof ObjectNode item) {
                    action.apply(item, at + "/" + field + "/" + i);
                }
            }
        }
    }
}
