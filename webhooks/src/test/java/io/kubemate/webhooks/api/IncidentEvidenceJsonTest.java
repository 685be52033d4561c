package io.kubemate.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.EvidenceKind;
import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.evidence.ProbableOrigin;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.Severity;
import io.kubemate.core.topic.JsonSerde;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IncidentEvidenceJsonTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private final Incident incident = new Incident(
            IncidentId.derive("cluster=c", "f", 0),
            3,
            IncidentStatus.OPEN,
            "HighErrorRate in c/shop",
            Severity.CRITICAL,
            Map.of("cluster", "c"),
            "cluster=c",
            List.of("checkout"),
            1,
            1,
            T0,
            T0,
            null,
            List.of(),
            List.of(),
            0);

    @Test
    void detailCarriesEvidenceAndProbableOrigin() throws Exception {
        IncidentEvidence evidence = new IncidentEvidence(
                incident.id().value(),
                2,
                T0.plusSeconds(5),
                List.of(new EvidenceItem(
                        "E1",
                        "change/c1",
                        EvidenceKind.CHANGE,
                        "tekton",
                        "payments",
                        T0,
                        T0,
                        "deploy of payments v2",
                        List.of("https://ci/run/1"),
                        Map.of("version", "v2"))),
                List.of(new ProbableOrigin("payments", 2.5, List.of("deploy of payments v2 3 min before (E1)"))));

        String json = JsonSerde.newMapper().writeValueAsString(IncidentJson.detail(incident, Optional.of(evidence)));

        assertThat(json)
                .contains("\"evidence\":[{\"id\":\"E1\",\"kind\":\"change\",\"source\":\"tekton\"")
                .contains("\"probableOrigin\":[{\"service\":\"payments\",\"score\":2.5,\"reasons\":[")
                .contains("\"evidenceUpdatedAt\":\"2026-11-25T10:00:05Z\"");
    }

    @Test
    void withoutEvidenceTheListsAreEmpty() throws Exception {
        String json = JsonSerde.newMapper().writeValueAsString(IncidentJson.detail(incident, Optional.empty()));

        assertThat(json).contains("\"evidence\":[]").contains("\"probableOrigin\":[]");
    }
}
