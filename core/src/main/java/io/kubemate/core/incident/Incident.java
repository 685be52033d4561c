package io.kubemate.core.incident;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A snapshot of one incident. On the compacted {@code kubemate.incidents} topic (keyed by id) it is published without
 * its member alerts ({@link #alerts()} empty, {@link #alertCount()} still counts them): members travel one record
 * each on {@code kubemate.incident-alerts}, so a large incident is never re-sent whole. Readers such as {@link
 * IncidentIndex} join the two. Every material change publishes a new snapshot with a higher {@link #version()}.
 *
 * @param id the incident id
 * @param version increases by one or more with every published change; readers keep the highest
 * @param status open, acknowledged or resolved
 * @param title a short human title
 * @param severity the highest severity among its alerts
 * @param scope the group-by labels it was correlated under
 * @param scopeKey the correlation's routing key, {@link Scope#key()} of the opening alert's values of the {@code
 *     partition_by} labels (by default {@code cluster=...}): the key actions are routed by
 * @param services the services its alerts name, sorted
 * @param alertCount how many distinct alerts it holds
 * @param firingCount how many of them are firing
 * @param openedAt when it opened
 * @param updatedAt when it last changed
 * @param resolvedAt when it resolved, {@code null} while active
 * @param alerts every member alert, ordered by fingerprint
 * @param timeline its history, oldest first (bounded; see {@link #timelineOmitted()})
 * @param timelineOmitted how many old timeline entries were dropped to keep the snapshot bounded
 * @param mergedInto the incident this one was merged into (it is then resolved and holds no alerts), or {@code
 *     null}; snapshots written before merges existed read as {@code null}
 */
public record Incident(
        IncidentId id,
        long version,
        IncidentStatus status,
        String title,
        Severity severity,
        Map<String, String> scope,
        String scopeKey,
        List<String> services,
        int alertCount,
        int firingCount,
        Instant openedAt,
        Instant updatedAt,
        Instant resolvedAt,
        List<IncidentAlert> alerts,
        List<TimelineEntry> timeline,
        int timelineOmitted,
        IncidentId mergedInto) {

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        title = title == null ? "" : title;
        scope = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(scope == null ? Map.of() : scope));
        scopeKey = scopeKey == null ? "" : scopeKey;
        services = services == null ? List.of() : List.copyOf(services);
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }

    /** An incident that was not merged into another. */
    public Incident(
            IncidentId id,
            long version,
            IncidentStatus status,
            String title,
            Severity severity,
            Map<String, String> scope,
            String scopeKey,
            List<String> services,
            int alertCount,
            int firingCount,
            Instant openedAt,
            Instant updatedAt,
            Instant resolvedAt,
            List<IncidentAlert> alerts,
            List<TimelineEntry> timeline,
            int timelineOmitted) {
        this(
                id,
                version,
                status,
                title,
                severity,
                scope,
                scopeKey,
                services,
                alertCount,
                firingCount,
                openedAt,
                updatedAt,
                resolvedAt,
                alerts,
                timeline,
                timelineOmitted,
                null);
    }

    /** Whether it was closed by merging it into another incident. */
    public boolean isMerged() {
        return mergedInto != null;
    }

    /** This snapshot with {@code members} as its alerts. */
    public Incident withAlerts(List<IncidentAlert> members) {
        return new Incident(
                id,
                version,
                status,
                title,
                severity,
                scope,
                scopeKey,
                services,
                alertCount,
                firingCount,
                openedAt,
                updatedAt,
                resolvedAt,
                members,
                timeline,
                timelineOmitted,
                mergedInto);
    }
}
