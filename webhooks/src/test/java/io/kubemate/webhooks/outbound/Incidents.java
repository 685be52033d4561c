package io.kubemate.webhooks.outbound;

import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Incident snapshots for the outbound tests, with valid defaults. */
final class Incidents {
    static final String ID = "inc-00000000000000aa";
    static final Instant OPENED = Instant.parse("2026-11-25T16:45:08Z");

    private Incidents() {}

    static Incident incident(long version, IncidentStatus status, Severity severity, int alerts) {
        return new Incident(
                new IncidentId(ID),
                version,
                status,
                "KubePodCrashLooping +1 more in prod-eu-1/payments",
                severity,
                Map.of("cluster", "prod-eu-1", "namespace", "payments"),
                "cluster=prod-eu-1",
                List.of("payments", "ledger"),
                alerts,
                status == IncidentStatus.RESOLVED ? 0 : alerts,
                OPENED,
                OPENED.plusSeconds(version),
                status == IncidentStatus.RESOLVED ? OPENED.plusSeconds(600) : null,
                List.of(),
                List.of(),
                0);
    }

    static Incident open(long version) {
        return incident(version, IncidentStatus.OPEN, Severity.CRITICAL, 4);
    }
}
