package io.kubemate.rag.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.alert.AlertStatus;
import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryRequestTest {
    private static final Instant T0 = Requests.T0;

    @Test
    void takesTheIncidentItsAlertsAndItsEvidence() {
        IncidentAlert firing = new IncidentAlert(
                "fp1",
                AlertStatus.FIRING,
                Map.of("alertname", "HighErrorRate", "service", "payments-api", "severity", "critical"),
                Map.of("summary", "5xx above 40%"),
                T0,
                null,
                null,
                0,
                T0);
        IncidentAlert resolved = new IncidentAlert(
                "fp2", AlertStatus.RESOLVED, Map.of("alertname", "PodRestarts"), Map.of(), T0, T0, null, 0, T0);
        Incident incident = new Incident(
                new IncidentId(Requests.INCIDENT),
                3,
                IncidentStatus.OPEN,
                "payments-api error rate high",
                Severity.CRITICAL,
                Map.of("cluster", "prod"),
                "cluster=prod",
                List.of("checkout", "payments-api"),
                2,
                1,
                T0,
                T0,
                null,
                List.of(firing, resolved),
                List.of(),
                0);
        SummaryRequest template = Requests.request().build();
        IncidentEvidence evidence =
                new IncidentEvidence(Requests.INCIDENT, 7, T0, template.evidence(), template.probableOrigin());

        SummaryRequest request =
                SummaryRequest.of(incident, evidence, template.similar(), template.runbooks(), "all-minilm-l6-v2-q");

        assertThat(request.incidentId()).isEqualTo(Requests.INCIDENT);
        assertThat(request.title()).isEqualTo("payments-api error rate high");
        assertThat(request.services()).containsExactly("checkout", "payments-api");
        assertThat(request.alertsDigest())
                .isEqualTo("HighErrorRate service=payments-api severity=critical firing 5xx above 40%\n"
                        + "PodRestarts service= severity= resolved");
        assertThat(request.evidence()).isEqualTo(template.evidence());
        assertThat(request.probableOrigin()).isEqualTo(template.probableOrigin());
        assertThat(request.similar()).isEqualTo(template.similar());
        assertThat(request.embeddingModel()).isEqualTo("all-minilm-l6-v2-q");
    }

    @Test
    void replacesMissingPartsWithEmptyOnes() {
        SummaryRequest request = new SummaryRequest("inc-1", null, null, null, null, null, null, null, null);

        assertThat(request.title()).isEmpty();
        assertThat(request.services()).isEmpty();
        assertThat(request.evidence()).isEmpty();
        assertThat(request.similar()).isEmpty();
        assertThat(request.embeddingModel()).isEmpty();
    }
}
