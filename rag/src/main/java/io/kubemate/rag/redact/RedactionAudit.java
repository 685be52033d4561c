package io.kubemate.rag.redact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.error.KubemateException;
import io.kubemate.core.topic.JsonSerde;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What text was sent where for one summary: each entry holds the destination ({@link #EMBEDDING}, {@link
 * #prompt(String) prompt:ollama}, {@link #VECTOR_STORE}, {@link #SLACK}, {@link #API}), the exact text sent (already
 * pseudonymized, so the audit holds no secret) and how many replacements of each kind it had.
 *
 * <p>Bounded: it keeps the first {@code maxEntries} entries and counts the rest as omitted; a text longer than {@code
 * maxTextChars} is kept cut to that length and marked truncated, with its full length. Serialises to JSON with
 * {@link #toJson()}. Thread-safe.
 */
public final class RedactionAudit {
    public static final String EMBEDDING = "embedding";
    public static final String VECTOR_STORE = "vector-store";
    public static final String SLACK = "slack";
    public static final String API = "api";

    public static final int DEFAULT_MAX_ENTRIES = 64;
    public static final int DEFAULT_MAX_TEXT_CHARS = 64 * 1024;

    private static final ObjectMapper JSON = JsonSerde.newMapper();

    /** One text sent to one destination. */
    public record Entry(
            Instant at,
            String destination,
            String text,
            int textLength,
            boolean truncated,
            Map<String, Integer> countsByKind) {
        public Entry {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(text, "text");
            countsByKind = new TreeMap<>(countsByKind);
        }
    }

    /** The audit as a value, as it is written to JSON. */
    public record Snapshot(String subject, List<Entry> entries, int omitted, Map<String, Integer> totalsByKind) {
        public Snapshot {
            entries = List.copyOf(entries);
            totalsByKind = new TreeMap<>(totalsByKind);
        }
    }

    private final String subject;
    private final Clock clock;
    private final int maxEntries;
    private final int maxTextChars;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Integer> totals = new TreeMap<>();
    private int omitted;

    /**
     * An empty audit for {@code subject} (an incident or summary id).
     *
     * @throws IllegalArgumentException when a bound is below 1
     */
    public RedactionAudit(String subject, Clock clock, int maxEntries, int maxTextChars) {
        if (maxEntries < 1 || maxTextChars < 1) {
            throw new IllegalArgumentException("bounds must be at least 1");
        }
        this.subject = Objects.requireNonNull(subject, "subject");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxEntries = maxEntries;
        this.maxTextChars = maxTextChars;
    }

    /** An empty audit for {@code subject} with the default bounds and the UTC clock. */
    public static RedactionAudit of(String subject) {
        return new RedactionAudit(subject, Clock.systemUTC(), DEFAULT_MAX_ENTRIES, DEFAULT_MAX_TEXT_CHARS);
    }

    /** The destination of a prompt to {@code model}: {@code prompt:<model>}. */
    public static String prompt(String model) {
        return "prompt:" + model;
    }

    /**
     * Records that {@code sent} went to {@code destination}; every replacement counts in the totals, even once the
     * entries are full.
     */
    public synchronized void record(String destination, Redacted sent) {
        if (destination == null || destination.isBlank()) {
            throw new IllegalArgumentException("destination must not be blank");
        }
        sent.countsByKind().forEach((kind, n) -> totals.merge(kind, n, Integer::sum));
        if (entries.size() >= maxEntries) {
            omitted++;
            return;
        }
        String text = sent.text();
        boolean truncated = text.length() > maxTextChars;
        entries.add(new Entry(
                clock.instant(),
                destination,
                truncated ? text.substring(0, maxTextChars) : text,
                text.length(),
                truncated,
                sent.countsByKind()));
    }

    /** The recorded entries, oldest first. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The audit as a value. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(subject, entries, omitted, totals);
    }

    /** The audit as JSON: {@code {"subject", "entries":[{"at","destination","text",...}], "omitted", "totalsByKind"}}. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(snapshot());
        } catch (JsonProcessingException e) {
            throw new KubemateException("cannot write the redaction audit of " + subject + " as JSON", e);
        }
    }
}
