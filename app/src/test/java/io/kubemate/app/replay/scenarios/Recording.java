package io.kubemate.app.replay.scenarios;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One scenario being built: records with their recording time, written as NDJSON in time order (file order among
 * equal times). Everything random comes from one seeded {@link Random}, so the output is the same on every run.
 */
final class Recording {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Entry(int order, Instant at, ObjectNode record) {}

    final String cluster;
    final Instant t0;
    final Random random;
    private final List<Entry> entries = new ArrayList<>();

    Recording(String cluster, Instant t0, long seed) {
        this.cluster = cluster;
        this.t0 = t0;
        this.random = new Random(seed);
    }

    /** {@code seconds} (may be fractional) after the scenario's start. */
    Instant t(double seconds) {
        return t0.plusMillis(Math.round(seconds * 1000));
    }

    void add(String type, Instant at, ObjectNode body, String incident, String rootCause) {
        ObjectNode record = NODES.objectNode();
        record.put("type", type);
        record.put("at", at.toString());
        if (incident != null) {
            record.put("incident", incident);
        }
        if (rootCause != null) {
            record.put("rootCause", rootCause);
        }
        record.set("body", body);
        entries.add(new Entry(entries.size(), at, record));
    }

    /** A Loki JSON push of one stream; {@code lines} are (seconds after start, line) pairs. */
    void loki(String service, String namespace, String level, List<Map.Entry<Double, String>> lines) {
        ObjectNode stream = NODES.objectNode();
        stream.put("service_name", service);
        stream.put("namespace", namespace);
        stream.put("cluster", cluster);
        stream.put("level", level);
        ArrayNode values = NODES.arrayNode();
        double last = 0;
        for (Map.Entry<Double, String> line : lines) {
            Instant at = t(line.getKey());
            values.add(NODES.arrayNode().add(nanos(at)).add(line.getValue()));
            last = Math.max(last, line.getKey());
        }
        ObjectNode body = NODES.objectNode();
        body.set(
                "streams",
                NODES.arrayNode()
                        .add(NODES.objectNode()
                                .<ObjectNode>set("stream", stream)
                                .set("values", values)));
        // promtail and alloy batch for about a second before pushing
        add("loki", t(last + 1), body, null, null);
    }

    /** A plain JSON change event. */
    void change(double seconds, String service, String version, String kind, String url, String author) {
        ObjectNode body = NODES.objectNode();
        body.put("service", service);
        body.put("version", version);
        body.put("kind", kind);
        body.put("time", t(seconds).toString());
        body.put("url", url);
        body.put("author", author);
        add("change", t(seconds + 2), body, null, null);
    }

    String ndjson() {
        StringBuilder out = new StringBuilder();
        entries.stream()
                .sorted(Comparator.comparing(Entry::at).thenComparing(Entry::order))
                .forEach(entry -> {
                    try {
                        out.append(JSON.writeValueAsString(entry.record())).append('\n');
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                });
        return out.toString();
    }

    static String nanos(Instant at) {
        return Long.toString(at.getEpochSecond() * 1_000_000_000L + at.getNano());
    }

    /** {@code 2026-03-02 14:03:12.345} in UTC, as Spring Boot and Postgres print it. */
    String stamp(double seconds) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
                .withZone(ZoneOffset.UTC)
                .format(t(seconds));
    }

    /** {@code n} random lower-case hex digits. */
    String hex(int n) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < n; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }

    /** A Kubernetes pod name suffix such as {@code 7d9f8b6c5-x2k4q}. */
    String podSuffix() {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder s = new StringBuilder(hex(9)).append('-');
        for (int i = 0; i < 5; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
