package io.kubemate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.app.replay.ReplayCommand;
import io.kubemate.app.replay.ReplayScore;
import io.kubemate.app.replay.Replayer;
import io.kubemate.app.replay.ScenarioReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Every shipped scenario ({@code scenarios/*.ndjson}) replayed at speed 30 against one embedded instance (each
 * scenario has its own cluster label, so their incidents never mix), then the issue's targets on them: pairwise F1 ≥
 * 0.95 and AC@1 ≥ 0.8, micro-averaged over all scenarios. The per-scenario table is printed either way.
 */
class ReplayScenariosIT {
    private static final Path SCENARIOS = Path.of("..", "scenarios");
    private static final double SPEED = 30;

    @Test
    void shippedScenariosMeetTheGroupingAndOriginTargets() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(SCENARIOS)) {
            files = list.filter(p -> p.toString().endsWith(".ndjson")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(5);

        List<ScenarioReport> reports = new ArrayList<>();
        Replayer.Settings settings = new Replayer.Settings(SPEED, Duration.ofSeconds(4), Duration.ofSeconds(60));
        try (Replayer replayer = Replayer.embedded(Map.of(), settings, line -> {})) {
            for (Path file : files) {
                reports.add(replayer.replay(file));
            }
        }
        String table = table(reports);
        System.out.println(table);
        ReplayScore.Result total =
                ReplayScore.combine(reports.stream().map(ScenarioReport::score).toList());

        SoftAssertions soft = new SoftAssertions();
        for (ScenarioReport report : reports) {
            soft.assertThat(report.errors()).as("%s: failures", report.name()).isEmpty();
            soft.assertThat(report.score().placedAlerts())
                    .as("%s: every alert reached an incident", report.name())
                    .isEqualTo(report.score().alerts());
        }
        soft.assertThat(total.f1())
                .as("pairwise F1 over all scenarios%n%s", table)
                .isGreaterThanOrEqualTo(0.95);
        soft.assertThat(total.accuracyAt1())
                .as("AC@1 over all scenarios%n%s", table)
                .isGreaterThanOrEqualTo(0.8);
        soft.assertAll();
    }

    private static String table(List<ScenarioReport> reports) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            ReplayCommand.print(reports, false, out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
