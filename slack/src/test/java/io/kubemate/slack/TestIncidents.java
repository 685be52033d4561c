package io.kubemate.slack;

import io.kubemate.core.alert.AlertStatus;
import io.kubemate.core.evidence.EvidenceView;
import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentPage;
import io.kubemate.core.incident.IncidentQuery;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.IncidentView;
import io.kubemate.core.incident.Severity;
import io.kubemate.core.incident.TimelineEntry;
import io.kubemate.core.rca.IncidentSummary;
import io.kubemate.core.rca.SummaryView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Incidents, and in-memory views of incidents, evidence and summaries, for tests. */
final class TestIncidents implements IncidentView, EvidenceView, SummaryView {
    static final Instant T0 = Instant.parse("2026-11-26T16:41:00Z");

    final Map<IncidentId, Incident> incidents = new ConcurrentHashMap<>();
    final Map<String, IncidentEvidence> evidence = new ConcurrentHashMap<>();
    final Map<String, IncidentSummary> summaries = new ConcurrentHashMap<>();

    static IncidentId id(int n) {
        return new IncidentId(String.format("inc-%016x", n));
    }

    /** An incident of {@code alerts} firing alerts named HighErrorRate in namespace {@code namespace}. */
    static Incident incident(
            int n, long version, IncidentStatus status, int alerts, String namespace, List<TimelineEntry> timeline) {
        List<IncidentAlert> members = new ArrayList<>();
        for (int i = 0; i < alerts; i++) {
            members.add(new IncidentAlert(
                    String.format("%016x", n * 1000L + i),
                    AlertStatus.FIRING,
                    Map.of(
                            "alertname",
                            i == 0 ? "HighErrorRate" : "KubePodCrashLooping",
                            "namespace",
                            namespace,
                            "service",
                            "payments",
                            "pod",
                            "payments-" + i),
                    Map.of(),
                    T0,
                    null,
                    null,
                    0,
                    T0));
        }
        return new Incident(
                id(n),
                version,
                status,
                "payments: charge failures",
                Severity.CRITICAL,
                Map.of("cluster", "prod-eu-1", "namespace", namespace),
                "cluster=prod-eu-1",
                List.of("payments"),
                alerts,
                alerts,
                T0,
                T0.plusSeconds(version),
                status == IncidentStatus.RESOLVED ? T0.plusSeconds(600) : null,
                members,
                timeline,
                0);
    }

    static Incident incident(int n, long version, int alerts, String namespace) {
        return incident(n, version, IncidentStatus.OPEN, alerts, namespace, List.of());
    }

    Incident put(Incident incident) {
        incidents.put(incident.id(), incident);
        return incident;
    }

    @Override
    public Optional<Incident> find(IncidentId id) {
        return Optional.ofNullable(incidents.get(id));
    }

    @Override
    public IncidentPage list(IncidentQuery query) {
        List<Incident> all = new ArrayList<>(incidents.values());
        all.sort(Comparator.comparing(Incident::updatedAt).reversed());
        return new IncidentPage(all.subList(0, Math.min(query.limit(), all.size())), Optional.empty());
    }

    @Override
    public Optional<Incident> awaitNewer(IncidentId id, long afterVersion, Duration timeout) {
        return find(id).filter(i -> i.version() > afterVersion);
    }

    @Override
    public boolean isCaughtUp() {
        return true;
    }

    @Override
    public Optional<IncidentEvidence> evidence(String incidentId) {
        return Optional.ofNullable(evidence.get(incidentId));
    }

    @Override
    public Optional<IncidentSummary> summary(String incidentId) {
        return Optional.ofNullable(summaries.get(incidentId));
    }
}
