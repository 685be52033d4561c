package io.kubemate.core.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of an incident's history.
 *
 * @param at when it happened (event time)
 * @param kind what happened
 * @param fingerprint the alert concerned, or {@code null}
 * @param actor who did it for human actions, or {@code null}
 * @param detail a short human-readable description
 * @param count how many like events this entry stands for: during an alert storm, alerts of one name joining (or
 *     resolving) close together are told once with a count instead of once each; {@code at} is the first of them
 */
public record TimelineEntry(Instant at, TimelineKind kind, String fingerprint, String actor, String detail, int count) {
    public TimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? "" : detail;
        count = Math.max(1, count);
    }

    /** An entry for a single event. */
    public TimelineEntry(Instant at, TimelineKind kind, String fingerprint, String actor, String detail) {
        this(at, kind, fingerprint, actor, detail, 1);
    }

    /** This entry standing for one more like event. */
    public TimelineEntry plusOne() {
        return new TimelineEntry(at, kind, fingerprint, actor, detail, count + 1);
    }
}
