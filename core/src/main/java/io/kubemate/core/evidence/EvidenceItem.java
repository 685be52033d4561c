package io.kubemate.core.evidence;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One piece of evidence about an incident. Bounded: a title, at most {@link #MAX_LINES} short lines, and a few string
 * attributes.
 *
 * @param id the stable id within its incident ({@code E1}, {@code E2}, ...); empty until assigned
 * @param key a natural key ({@code log-template/checkout/T12}): the same fact keeps the same {@link #id()} across
 *     updates
 * @param kind what it shows
 * @param source where it came from: {@code loki-push}, {@code loki-query}, {@code otlp}, {@code jaeger}, {@code
 *     prometheus}, {@code changes}
 * @param service the service it is about, may be empty
 * @param from start of the time range it covers
 * @param to end of the time range it covers
 * @param title one line a person reads first
 * @param lines a few supporting lines (an example log line, a trace path, metric points), already redacted
 * @param attributes small string facts (counts, ids, flags), sorted by name
 */
public record EvidenceItem(
        String id,
        String key,
        EvidenceKind kind,
        String source,
        String service,
        Instant from,
        Instant to,
        String title,
        List<String> lines,
        Map<String, String> attributes) {

    /** At most this many lines per item. */
    public static final int MAX_LINES = 8;

    /** Lines and the title are cut to this many characters. */
    public static final int MAX_LINE_CHARS = 500;

    public EvidenceItem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        id = id == null ? "" : id;
        source = source == null ? "" : source;
        service = service == null ? "" : service;
        title = cut(title == null ? "" : title);
        lines = lines == null
                ? List.of()
                : lines.stream().limit(MAX_LINES).map(EvidenceItem::cut).toList();
        attributes = attributes == null || attributes.isEmpty()
                ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
    }

    /** The same item with id {@code newId}. */
    public EvidenceItem withId(String newId) {
        return new EvidenceItem(newId, key, kind, source, service, from, to, title, lines, attributes);
    }

    private static String cut(String text) {
        return text.length() <= MAX_LINE_CHARS ? text : text.substring(0, MAX_LINE_CHARS - 1) + "…";
    }
}
