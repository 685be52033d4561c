package io.kubemate.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.app.config.Setting;
import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.EvidenceKind;
import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.evidence.ProbableOrigin;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoRunnerTest {
    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
    private static final List<ProbableOrigin> ORIGIN =
            List.of(new ProbableOrigin("payments", 3.5, List.of("deployed v2.3.1 (E1)")));

    @Test
    void bundlesTheScenarioWithEveryRecordType() throws Exception {
        try (InputStream in = DemoRunner.class.getResourceAsStream("/scenarios/" + DemoRunner.SCENARIO + ".ndjson")) {
            assertThat(in).as("scenario bundled as a resource").isNotNull();
            List<String> lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .toList();

            assertThat(lines)
                    .anyMatch(l -> l.contains("\"type\":\"alertmanager\""))
                    .anyMatch(l -> l.contains("\"type\":\"loki\""))
                    .anyMatch(l -> l.contains("\"type\":\"otlp-traces\""))
                    .anyMatch(l -> l.contains("\"type\":\"otlp-logs\""))
                    .anyMatch(l -> l.contains("\"type\":\"change\""));
        }
    }

    @Test
    void environmentScalesTheWindowsByTheSpeedAndDropsTokens() {
        Map<String, String> env = DemoRunner.environment(Map.of(
                Setting.DATA_DIR.envName(), "/tmp/km",
                Setting.CORRELATION_WINDOW.envName(), "10m",
                Setting.WEBHOOK_TOKEN.envName(), "secret",
                Setting.API_TOKEN.envName(), "secret"));

        assertThat(env)
                .containsEntry(
                        Setting.DATA_DIR.envName(), Path.of("/tmp/km", "demo").toString())
                .containsEntry(Setting.CORRELATION_WINDOW.envName(), 600_000 / DemoRunner.SPEED + "ms")
                .containsEntry(Setting.RESOLVE_AFTER.envName(), 300_000 / DemoRunner.SPEED + "ms")
                .containsEntry(Setting.FLAP_WINDOW.envName(), 300_000 / DemoRunner.SPEED + "ms")
                .doesNotContainKeys(Setting.WEBHOOK_TOKEN.envName(), Setting.API_TOKEN.envName());
    }

    @Test
    void evidenceIsCompleteWithAnOriginLogsTracesAndTheChange() {
        IncidentEvidence complete = evidence(
                ORIGIN, item(EvidenceKind.CHANGE), item(EvidenceKind.LOG_TEMPLATE), item(EvidenceKind.TRACE_PATH));

        assertThat(DemoRunner.isComplete(complete)).isTrue();
    }

    @Test
    void evidenceIsIncompleteWithoutAnOriginOrAKind() {
        assertThat(DemoRunner.isComplete(evidence(
                        List.of(),
                        item(EvidenceKind.CHANGE),
                        item(EvidenceKind.LOG_TEMPLATE),
                        item(EvidenceKind.SPAN))))
                .isFalse();
        assertThat(DemoRunner.isComplete(evidence(ORIGIN, item(EvidenceKind.LOG_TEMPLATE), item(EvidenceKind.SPAN))))
                .isFalse();
        assertThat(DemoRunner.isComplete(evidence(ORIGIN, item(EvidenceKind.CHANGE), item(EvidenceKind.SPAN))))
                .isFalse();
    }

    static IncidentEvidence evidence(List<ProbableOrigin> origin, EvidenceItem... items) {
        return new IncidentEvidence("inc-0123456789abcdef", 3, T, List.of(items), origin);
    }

    static EvidenceItem item(EvidenceKind kind) {
        return new EvidenceItem(
                "E" + (kind.ordinal() + 1),
                kind.wire() + "/payments",
                kind,
                "test",
                "payments",
                T,
                T,
                kind.wire() + " about payments",
                List.of("first line of " + kind.wire(), "second line"),
                Map.of());
    }
}
