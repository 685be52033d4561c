package io.kubemate.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.alert.AlertStatus;
import io.kubemate.core.evidence.EvidenceKind;
import io.kubemate.core.evidence.ProbableOrigin;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.Severity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IncidentPrinterTest {
    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final IncidentPrinter printer = new IncidentPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    @Test
    void blockShowsAlertsRankedOriginsWithReasonsAndEvidenceDetailingTheCitedItems() {
        List<ProbableOrigin> origins = List.of(
                new ProbableOrigin("payments", 3.5, List.of("changed 2 min before the first alert (E4)")),
                new ProbableOrigin("checkout", 1.25, List.of("earliest alert")));

        printer.block(
                incident(),
                Optional.of(DemoRunnerTest.evidence(
                        origins, DemoRunnerTest.item(EvidenceKind.CHANGE), DemoRunnerTest.item(EvidenceKind.SPAN))));
        String text = bytes.toString(StandardCharsets.UTF_8);

        assertThat(text)
                .contains("KubePodCrashLooping")
                .contains("probable origin")
                .contains("1. payments       score 3.50")
                .contains("changed 2 min before the first alert (E4)")
                .contains("2. checkout       score 1.25")
                .contains("E4  change        change about payments")
                .contains("first line of change")
                .contains("E2  span          span about payments")
                .doesNotContain("first line of span")
                .doesNotContain("second line");
    }

    @Test
    void blockSaysSoWhenThereIsNoEvidence() {
        printer.block(incident(), Optional.empty());

        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("no evidence assembled (yet)");
    }

    private static Incident incident() {
        IncidentAlert alert = new IncidentAlert(
                "0123456789abcdef",
                AlertStatus.FIRING,
                Map.of("alertname", "KubePodCrashLooping", "service", "payments", "namespace", "payments"),
                Map.of(),
                T,
                null,
                null,
                0,
                T);
        return new Incident(
                new IncidentId("inc-0123456789abcdef"),
                4,
                IncidentStatus.OPEN,
                "KubePodCrashLooping on payments",
                Severity.CRITICAL,
                Map.of("cluster", "us-east-1-prod"),
                "cluster=us-east-1-prod",
                List.of("payments"),
                1,
                1,
                T,
                T,
                null,
                List.of(alert),
                List.of(),
                0);
    }
}
