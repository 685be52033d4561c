package io.kubemate.streams.correlation;

import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.TimelineEntry;
import io.kubemate.core.incident.TimelineKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything of an incident but its member alerts, which live in their own store entries so that a large incident
 * is not re-serialised for every alert.
 *
 * @param lastActivityAt the event time of the last alert transition: alerts join within the window of it
 * @param allResolvedSince since when no member fires, {@code null} while one does
 * @param summary severity, services and alert names of the members, kept up to date as members change
 * @param mergedInto the incident it was merged into, or {@code null} (also for headers stored before merges existed)
 */
record IncidentHeader(
        IncidentId id,
        long version,
        IncidentStatus status,
        Map<String, String> scope,
        String scopeKey,
        int alertCount,
        int firingCount,
        Instant openedAt,
        Instant updatedAt,
        Instant resolvedAt,
        Instant lastActivityAt,
        Instant allResolvedSince,
        List<TimelineEntry> timeline,
        int timelineOmitted,
        IncidentSummary summary,
        IncidentId mergedInto) {

    IncidentHeader {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        scope = Collections.unmodifiableSortedMap(new TreeMap<>(scope == null ? Map.of() : scope));
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        summary = summary == null ? IncidentSummary.EMPTY : summary;
    }

    /** Alert events that repeat during storms and are told once with a count. */
    private static final Set<TimelineKind> COALESCED = EnumSet.of(
            TimelineKind.ALERT_ADDED,
            TimelineKind.ALERT_RESOLVED,
            TimelineKind.ALERT_REFIRED,
            TimelineKind.ALERT_CHANGED);
    /** Like events further apart than this are told apart. */
    private static final Duration COALESCE_WITHIN = Duration.ofMinutes(1);

    /** A new, open incident with no members yet. */
    static IncidentHeader open(IncidentId id, Map<String, String> scope, String scopeKey, Instant at) {
        return new IncidentHeader(
                id,
                0,
                IncidentStatus.OPEN,
                scope,
                scopeKey,
                0,
                0,
                at,
                at,
                null,
                at,
                null,
                List.of(),
                0,
                IncidentSummary.EMPTY,
                null);
    }

    IncidentHeader withSummary(IncidentSummary newSummary) {
        return new IncidentHeader(
                id,
                version,
                status,
                scope,
                scopeKey,
                alertCount,
                firingCount,
                openedAt,
                updatedAt,
                resolvedAt,
                lastActivityAt,
                allResolvedSince,
                timeline,
                timelineOmitted,
                newSummary,
                mergedInto);
    }

    /** Closed as merged into {@code target}: resolved at {@code at} (unless it already was), holding no alerts. */
    IncidentHeader mergedInto(IncidentId target, Instant at) {
        return new IncidentHeader(
                id,
                version,
                IncidentStatus.RESOLVED,
                scope,
                scopeKey,
                0,
                0,
                openedAt,
                updatedAt,
                resolvedAt == null ? at : resolvedAt,
                lastActivityAt,
                allResolvedSince == null ? at : allResolvedSince,
                timeline,
                timelineOmitted,
                summary,
                target);
    }

    IncidentHeader withVersion(long newVersion) {
        return new IncidentHeader(
                id,
                newVersion,
                status,
                scope,
                scopeKey,
                alertCount,
                firingCount,
                openedAt,
                updatedAt,
                resolvedAt,
                lastActivityAt,
                allResolvedSince,
                timeline,
                timelineOmitted,
                summary,
                mergedInto);
    }

    IncidentHeader withStatus(IncidentStatus newStatus, Instant newResolvedAt, Instant newAllResolvedSince) {
        return new IncidentHeader(
                id,
                version,
                newStatus,
                scope,
                scopeKey,
                alertCount,
                firingCount,
                openedAt,
                updatedAt,
                newResolvedAt,
                lastActivityAt,
                newAllResolvedSince,
                timeline,
                timelineOmitted,
                summary,
                mergedInto);
    }

    /** The counts after a member changed; tracks since when nothing fires. */
    IncidentHeader withCounts(int newAlertCount, int newFiringCount, Instant at) {
        Instant quietSince = newFiringCount > 0 ? null : allResolvedSince == null ? at : allResolvedSince;
        return new IncidentHeader(
                id,
                version,
                status,
                scope,
                scopeKey,
                newAlertCount,
                newFiringCount,
                openedAt,
                updatedAt,
                resolvedAt,
                lastActivityAt,
                quietSince,
                timeline,
                timelineOmitted,
                summary,
                mergedInto);
    }

    /** Records alert activity at {@code at} (event time); neither time goes backwards. */
    IncidentHeader withActivity(Instant at) {
        return new IncidentHeader(
                id,
                version,
                status,
                scope,
                scopeKey,
                alertCount,
                firingCount,
                openedAt,
                updatedAt,
                resolvedAt,
                latest(lastActivityAt, at),
                allResolvedSince,
                timeline,
                timelineOmitted,
                summary,
                mergedInto);
    }

    /**
     * Appends {@code entry} and moves {@code updatedAt} to its time (never backwards). Past {@code limit} entries
     * the oldest entry after the first is dropped and counted in {@code timelineOmitted}.
     */
    IncidentHeader withEntry(TimelineEntry entry, int limit) {
        List<TimelineEntry> entries = new ArrayList<>(timeline);
        int omitted = timelineOmitted;
        // transitions of one scope arrive through several lifecycle partitions, so event times can interleave:
        // keep the timeline in time order (stable), with the opening entry first
        int at = entries.size();
        while (at > 1 && entries.get(at - 1).at().isAfter(entry.at())) {
            at--;
        }
        if (at > 1 && isLike(entries.get(at - 1), entry)) {
            // an alert storm tells "KubePodCrashLooping joined" once with a count, not a thousand times
            entries.set(at - 1, entries.get(at - 1).plusOne());
        } else {
            entries.add(at, entry);
        }
        while (entries.size() > limit) {
            entries.remove(1);
            omitted++;
        }
        return new IncidentHeader(
                id,
                version,
                status,
                scope,
                scopeKey,
                alertCount,
                firingCount,
                openedAt,
                latest(updatedAt, entry.at()),
                resolvedAt,
                lastActivityAt,
                allResolvedSince,
                entries,
                omitted,
                summary,
                mergedInto);
    }

    /** Whether {@code next} repeats {@code previous}: same alert event and description, close together. */
    static boolean isLike(TimelineEntry previous, TimelineEntry next) {
        return COALESCED.contains(next.kind())
                && previous.kind() == next.kind()
                && previous.detail().equals(next.detail())
                && previous.actor() == null
                && next.actor() == null
                && Duration.between(previous.at(), next.at()).abs().compareTo(COALESCE_WITHIN) <= 0;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
