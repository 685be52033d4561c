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
 */
public record TimelineEntry(Instant at, TimelineKind kind, String fingerprint, String actor, String detail) {
    public TimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? "" : detail;
    }
}
