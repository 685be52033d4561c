package io.kubemate.rag.memory;

import static io.kubemate.rag.memory.Incidents.alert;
import static io.kubemate.rag.memory.Incidents.evidence;
import static io.kubemate.rag.memory.Incidents.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class IncidentTextTest {
    private final IncidentText text = new IncidentText(UnaryOperator.identity());

    @Test
    void describesTitleAlertsOriginAndEvidenceButNotVolatileLabels() {
        Incident incident = incident(
                "a",
                "checkout 5xx: pool exhausted",
                List.of("checkout"),
                List.of(alert(
                        Map.of(
                                "alertname",
                                "HighErrorRate",
                                "pod",
                                "checkout-7d9f8b6c5d-x2k4p",
                                "instance",
                                "10.1.2.3"),
                        Map.of("summary", "error rate 23%"))));

        String described = text.describe(
                incident, evidence(incident, "checkout", List.of("log-template|checkout|Connection is not available")));

        assertThat(described)
                .startsWith("checkout 5xx: pool exhausted")
                .contains("HighErrorRate: error rate 23%", "Probable origin: checkout", "Connection is not available")
                .doesNotContain("x2k4p", "10.1.2.3", "Resolution:");
    }

    @Test
    void foldsPodHashesSoRestartsGiveTheSameText() {
        Incident first = withSummary("Pod shop/payments-5b8c9d7f6-qz7wm restarting; order-cache degraded");
        Incident second = withSummary("Pod shop/payments-7c4d8b9f2-mm2rt restarting; order-cache degraded");

        String described = text.describe(first, Optional.empty());

        assertThat(described).isEqualTo(text.describe(second, Optional.empty()));
        assertThat(described).contains("payments-* restarting", "order-cache degraded");
    }

    @Test
    void appliesTheRedactorToEverythingIncludingTheNote() {
        IncidentText redacting = new IncidentText(s -> s.replace("hunter2", "[REDACTED]"));
        Incident incident = incident(
                "b",
                "login fails with password hunter2",
                List.of("auth"),
                List.of(alert(Map.of("alertname", "AuthErrors"), Map.of("summary", "pw=hunter2 rejected"))));

        String described = redacting.describe(
                incident,
                evidence(incident, "auth", List.of("log-template|auth|bad password hunter2")),
                "rotated hunter2");

        assertThat(described).doesNotContain("hunter2").contains("[REDACTED]", "Resolution: rotated [REDACTED]");
    }

    @Test
    void staysWithinItsBoundAndKeepsTheNote() {
        List<IncidentAlert> alerts = new ArrayList<>();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            alerts.add(alert(Map.of("alertname", "Alert" + i), Map.of("summary", "x".repeat(400))));
            items.add("log-template|svc|" + "line " + i + " ".repeat(3) + "y".repeat(480));
        }
        Incident incident = incident("c", "t".repeat(2_000), List.of("svc"), alerts);

        String described = text.describe(incident, evidence(incident, "svc", items), "note ".repeat(1_000));

        assertThat(described)
                .hasSizeLessThanOrEqualTo(IncidentText.DEFAULT_MAX_CHARS)
                .contains("\nResolution: note");
    }

    private static Incident withSummary(String summary) {
        return incident(
                "d",
                "payments down",
                List.of("payments"),
                List.of(alert(Map.of("alertname", "KubePodCrashLooping"), Map.of("summary", summary))));
    }
}
