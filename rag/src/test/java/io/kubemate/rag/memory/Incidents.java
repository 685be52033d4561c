package io.kubemate.rag.memory;

import io.kubemate.core.alert.AlertStatus;
import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.EvidenceKind;
import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.evidence.ProbableOrigin;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test fixtures: incidents and evidence with valid defaults. */
final class Incidents {
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private Incidents() {}

    /** The incident id derived from a readable name. */
    static IncidentId id(String name) {
        return IncidentId.derive("test", name, 0);
    }

    static IncidentAlert alert(Map<String, String> labels, Map<String, String> annotations) {
        return new IncidentAlert(
                "fp-" + labels.hashCode(), AlertStatus.FIRING, labels, annotations, T0, null, null, 0, T0);
    }

    static Incident incident(String name, String title, List<String> services, List<IncidentAlert> alerts) {
        return new Incident(
                id(name),
                1,
                IncidentStatus.RESOLVED,
                title,
                Severity.CRITICAL,
                Map.of("cluster", "prod-eu-1"),
                "cluster=prod-eu-1",
                services,
                alerts.size(),
                alerts.size(),
                T0,
                T0,
                T0.plusSeconds(3600),
                alerts,
                List.of(),
                0);
    }

    /** Evidence with {@code origin} first (may be empty) and one item per title: {@code kind|service|title}. */
    static Optional<IncidentEvidence> evidence(Incident incident, String origin, List<String> items) {
        List<EvidenceItem> evidence = new ArrayList<>();
        for (String item : items) {
            String[] parts = item.split("\\|", 3);
            evidence.add(new EvidenceItem(
                    "E" + (evidence.size() + 1),
                    "k" + evidence.size(),
                    EvidenceKind.of(parts[0]),
                    "test",
                    parts[1],
                    T0,
                    T0,
                    parts[2],
                    List.of(),
                    Map.of()));
        }
        List<ProbableOrigin> origins =
                origin == null || origin.isEmpty() ? List.of() : List.of(new ProbableOrigin(origin, 1.0, List.of()));
        return Optional.of(new IncidentEvidence(incident.id().value(), 1, T0, evidence, origins));
    }
}
