package io.kubemate.streams.correlation;

import io.kubemate.core.alert.AlertStatus;
import io.kubemate.core.alert.AlertTransition;
import io.kubemate.core.alert.RawAlert;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.Scope;
import io.kubemate.core.incident.TimelineEntry;
import io.kubemate.core.incident.TimelineKind;
import io.kubemate.streams.CorrelationSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies alert transitions to the incidents of one routing key (the rules are in {@link CorrelationTopology}).
 * {@code scopeKey} parameters are routing keys: {@link CorrelationSettings#routingKey}.
 */
final class AlertCorrelation {
    /** Receives every member alert as a transition leaves it, to publish it. */
    interface MemberSink {
        void changed(IncidentId incident, IncidentAlert member, Instant at);
    }

    private final IncidentStores stores;
    private final CorrelationSettings settings;
    private final MemberSink members;
    private final ServiceLinks links;

    AlertCorrelation(IncidentStores stores, CorrelationSettings settings, MemberSink members, ServiceLinks links) {
        this.stores = stores;
        this.settings = settings;
        this.members = members;
        this.links = links;
    }

    /** A joinable incident and, when it was not found by scope, why it was joined. */
    private record Join(IncidentHeader header, String linkedService) {}

    private static String sharedAnchor(List<String> anchors, List<String> incidentAnchors) {
        for (String anchor : anchors) {
            if (incidentAnchors.contains(anchor)) {
                return anchor;
            }
        }
        return null;
    }

    void apply(String scopeKey, AlertTransition transition) {
        IncidentId mapped = stores.incidentOf(transition.alert().fingerprint());
        IncidentHeader header = mapped == null ? null : stores.header(mapped);
        if (header == null) {
            attach(scopeKey, transition);
            return;
        }
        switch (transition.kind()) {
            case RESOLVED -> update(header, transition, TimelineKind.ALERT_RESOLVED);
            case CHANGED -> update(header, transition, TimelineKind.ALERT_CHANGED);
            case FIRED, REFIRED -> refire(scopeKey, header, transition);
        }
    }

    /** A member fires again: in its active incident, by reopening a recently resolved one, or as a new alert. */
    private void refire(String scopeKey, IncidentHeader header, AlertTransition transition) {
        if (header.status().isActive()) {
            update(header, transition, TimelineKind.ALERT_REFIRED);
        } else if (!transition.at().isAfter(header.resolvedAt().plus(settings.flapWindow()))) {
            TimelineEntry reopened = entry(
                    transition,
                    TimelineKind.REOPENED,
                    transition.alert().alertName() + " re-fired soon after resolution");
            IncidentHeader open = header.withStatus(IncidentStatus.OPEN, null, header.allResolvedSince())
                    .withEntry(reopened, settings.timelineLimit());
            update(open, transition, TimelineKind.ALERT_REFIRED);
        } else {
            attach(scopeKey, transition);
        }
    }

    /**
     * Adds an unmapped alert to the joinable incident of its scope, else to an incident of another scope (same
     * routing key) holding a service the alert's service calls or is called by, or opens a new incident for it.
     */
    private void attach(String scopeKey, AlertTransition transition) {
        RawAlert alert = transition.alert();
        Optional<Join> joinable = joinable(scopeKey, alert, transition.at());
        if (joinable.isPresent()) {
            Join join = joinable.get();
            if (join.linkedService() == null) {
                update(join.header(), transition, TimelineKind.ALERT_ADDED);
            } else {
                String detail = name(transition) + " joined: " + join.linkedService();
                update(join.header(), transition, TimelineKind.ALERT_ADDED, detail);
            }
            return;
        }
        Scope scope = Scope.of(settings.groupBy(), alert.labels());
        IncidentId id = IncidentId.derive(
                scope.key(), alert.fingerprint(), transition.at().toEpochMilli());
        IncidentHeader existing = stores.header(id);
        if (existing != null) {
            update(existing, transition, TimelineKind.ALERT_ADDED);
            return;
        }
        IncidentHeader opened = IncidentHeader.open(id, scope.labels(), scopeKey, transition.at());
        stores.addToScope(scopeKey, id);
        update(opened, transition, TimelineKind.OPENED);
    }

    /**
     * Among the active incidents under the routing key whose last activity is within the window of {@code at}: the
     * latest one of the alert's own scope; failing that, the latest one sharing an anchor with the alert (the same
     * node, or the same service of the same scope already alerting there), then the latest one
     * holding a service linked to the alert's service in the service graph.
     */
    private Optional<Join> joinable(String scopeKey, RawAlert alert, Instant at) {
        List<IncidentHeader> near = stores.incidentsIn(scopeKey).stream()
                .map(stores::header)
                .filter(Objects::nonNull)
                .filter(header -> header.status().isActive())
                .filter(header ->
                        Duration.between(header.lastActivityAt(), at).abs().compareTo(settings.window()) <= 0)
                .sorted(Comparator.comparing(IncidentHeader::lastActivityAt).reversed())
                .toList();
        if (near.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> scope = Scope.of(settings.groupBy(), alert.labels()).labels();
        for (IncidentHeader header : near) {
            if (header.scope().equals(scope)) {
                return Optional.of(new Join(header, null));
            }
        }
        String service = service(alert);
        List<String> anchors = IncidentSummary.anchorsOf(alert.labels(), settings);
        for (IncidentHeader header : near) {
            String shared = sharedAnchor(anchors, header.summary().anchors());
            if (shared != null) {
                return Optional.of(new Join(
                        header,
                        shared.startsWith(IncidentSummary.SERVICE_ANCHOR)
                                ? service + " of " + new Scope(scope).display() + " already alerts there"
                                : "they share " + shared));
            }
        }
        for (IncidentHeader header : near) {
            String linked = links.linkedAmong(service, header.summary().services());
            if (linked != null) {
                return Optional.of(new Join(header, service + " and " + linked + " are linked in the service graph"));
            }
        }
        return Optional.empty();
    }

    /** The alert's service: its first present service label, or an empty string. */
    private String service(RawAlert alert) {
        return IncidentSummary.serviceOf(alert.labels(), settings.serviceLabels())
                .orElse("");
    }

    /** Stores the member as the transition leaves it and records the change in the incident. */
    private void update(IncidentHeader header, AlertTransition transition, TimelineKind kind) {
        update(header, transition, kind, null);
    }

    private void update(IncidentHeader header, AlertTransition transition, TimelineKind kind, String detail) {
        IncidentId id = header.id();
        IncidentAlert before = stores.member(id, transition.alert().fingerprint());
        IncidentAlert after = member(transition);
        int alertCount = header.alertCount() + (before == null ? 1 : 0);
        int firingCount = header.firingCount() + firing(after) - firing(before);
        TimelineKind shown = before == null && kind != TimelineKind.OPENED ? TimelineKind.ALERT_ADDED : kind;
        stores.putMember(id, after);
        stores.map(after.fingerprint(), id);
        members.changed(id, after, transition.at());
        stores.save(header.withSummary(summaryAfter(header, before, after))
                .withCounts(alertCount, firingCount, transition.at())
                .withActivity(transition.at())
                .withEntry(
                        entry(transition, shown, detail == null ? describe(transition, shown) : detail),
                        settings.timelineLimit()));
    }

    /** The summary with {@code after} in place of {@code before}; labels rarely change, so a rescan is rare. */
    private IncidentSummary summaryAfter(IncidentHeader header, IncidentAlert before, IncidentAlert after) {
        if (before == null) {
            return header.summary().plus(after, settings);
        }
        if (before.labels().equals(after.labels())) {
            return header.summary();
        }
        return IncidentSummary.of(stores.members(header.id()), settings);
    }

    private static IncidentAlert member(AlertTransition transition) {
        RawAlert alert = transition.alert();
        boolean firing = alert.status() == AlertStatus.FIRING;
        return new IncidentAlert(
                alert.fingerprint(),
                alert.status(),
                alert.labels(),
                alert.annotations(),
                alert.startsAt(),
                firing ? null : alert.endsAt() == null ? transition.at() : alert.endsAt(),
                alert.generatorUrl(),
                transition.flapCount(),
                transition.at());
    }

    private static int firing(IncidentAlert member) {
        return member != null && member.isFiring() ? 1 : 0;
    }

    private static TimelineEntry entry(AlertTransition transition, TimelineKind kind, String detail) {
        return new TimelineEntry(transition.at(), kind, transition.alert().fingerprint(), null, detail);
    }

    private static String name(AlertTransition transition) {
        return transition.alert().alertName().isBlank()
                ? "alert"
                : transition.alert().alertName();
    }

    private static String describe(AlertTransition transition, TimelineKind kind) {
        String name = name(transition);
        return switch (kind) {
            case OPENED -> "opened by " + name;
            case ALERT_ADDED -> name + " joined";
            case ALERT_RESOLVED -> name + " resolved";
            case ALERT_REFIRED -> transition.flapping()
                    ? name + " fired again (flapping, " + transition.flapCount() + " flaps)"
                    : name + " fired again";
            case ALERT_CHANGED -> name + " changed";
            default -> name;
        };
    }
}
