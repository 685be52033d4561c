package io.kubemate.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.kubemate.core.incident.TimelineEntry;
import io.kubemate.core.incident.TimelineKind;
import io.kubemate.core.rca.IncidentSummary;
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
    void detailCarriesTheSummaryWhenOneWasMadeAndNullBefore() throws Exception {
        IncidentSummary summary = new IncidentSummary(
                incident.id().value(),
                2,
                "extractive",
                "payments was deployed 3 min before checkout failed [E1].",
                new IncidentSummary.RootCause("payments", "deploy 3 min before [E1]"),
                0.7,
                List.of("E1"),
                List.of("Roll back payments v2 [E1]"),
                List.of(new IncidentSummary.Similar("S1", "inc-old", 0.82, "rolled back")),
                List.of(new IncidentSummary.Runbook("R1", "runbook:payments.md#0", 0.7, "Roll back first.")),
                false,
                new IncidentSummary.ModelInfo("extractive", "", "p1a2b3", "all-minilm-l6-v2-q"),
                true,
                "no model configured",
                T0.plusSeconds(9));

        String with = JsonSerde.newMapper()
                .writeValueAsString(IncidentJson.detail(incident, Optional.empty(), Optional.of(summary)));
        String without = JsonSerde.newMapper()
                .writeValueAsString(IncidentJson.detail(incident, Optional.empty(), Optional.empty()));

        assertThat(with)
                .contains("\"summary\":{\"summaryId\":\"" + incident.id().value() + "#2\"")
                .contains("\"kind\":\"extractive\",\"text\":\"payments was deployed")
                .contains("\"probableRootCause\":{")
                .contains("\"similar\":[{\"citation\":\"S1\",\"incidentId\":\"inc-old\",\"score\":0.82,"
                        + "\"resolution\":\"rolled back\"}]")
                .contains("\"runbooks\":[{\"citation\":\"R1\",\"id\":\"runbook:payments.md#0\",\"score\":0.7,"
                        + "\"excerpt\":\"Roll back first.\"}]")
                .contains("\"model\":{\"name\":\"extractive\",\"digest\":\"\",\"promptVersion\":\"p1a2b3\"")
                .contains("\"noCloseMatch\":false")
                .contains("\"grounded\":true")
                .contains("\"createdAt\":\"2026-11-25T10:00:09Z\"");
        assertThat(without).contains("\"summary\":null");
    }

    @Test
    void secretsInAnnotationsAndTimelineNotesAreRedactedBeforeTheyAreShown() throws Exception {
        IncidentAlert alert = new IncidentAlert(
                "f",
                AlertStatus.FIRING,
                Map.of("alertname", "DbLoginFailed"),
                Map.of("description", "login failed for postgres://app:hunter2@db:5432/orders"),
                T0,
                null,
                "",
                0,
                T0);
        Incident withAlert = new Incident(
                incident.id(),
                4,
                IncidentStatus.RESOLVED,
                incident.title(),
                incident.severity(),
                incident.scope(),
                incident.scopeKey(),
                incident.services(),
                1,
                0,
                T0,
                T0,
                T0,
                List.of(alert),
                List.of(new TimelineEntry(
                        T0, TimelineKind.RESOLUTION_NOTE, null, "bo", "rotated password=hunter2 for app", 1)),
                0);

        String json = JsonSerde.newMapper().writeValueAsString(IncidentJson.detail(withAlert, Optional.empty()));

        assertThat(json).doesNotContain("hunter2").contains("DbLoginFailed").contains("[REDACTED");
    }

    @Test
    void withoutEvidenceTheListsAreEmpty() throws Exception {
        String json = JsonSerde.newMapper().writeValueAsString(IncidentJson.detail(incident, Optional.empty()));

        assertThat(json).contains("\"evidence\":[]").contains("\"probableOrigin\":[]");
    }
}
