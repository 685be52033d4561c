package io.kubemate.streams.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.streams.templates.LogCorpus.Line;
import io.kubemate.streams.templates.LogCorpus.LogSystem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Grouping accuracy of {@link TemplateMiner} with its default settings on the labelled corpus of six log styles. */
class TemplateMinerAccuracyTest {
    static final double TARGET = 0.90;

    @Test
    void groupsTheLabelledCorpusWithAnAverageAccuracyOfAtLeastNinetyPercent() throws IOException {
        Map<String, Double> accuracy = new LinkedHashMap<>();
        for (LogSystem system : LogSystems.all()) {
            List<String> lines = resourceLines(system.name() + ".log");
            List<String> truth = resourceLines(system.name() + ".truth");
            assertThat(lines).hasSize(truth.size()).hasSizeGreaterThanOrEqualTo(2_000);

            TemplateMiner miner = new TemplateMiner();
            int[] numbers = new int[lines.size()];
            for (int i = 0; i < numbers.length; i++) {
                numbers[i] = miner.add(lines.get(i)).number();
            }
            // the groups are the templates as they stand at the end (a variable-length template may absorb others)
            List<String> mined = new ArrayList<>(lines.size());
            for (int number : numbers) {
                mined.add("T" + miner.resolve(number));
            }
            accuracy.put(system.name(), GroupingAccuracy.of(mined, truth));
        }
        double average = accuracy.values().stream()
                .mapToDouble(Double::doubleValue)
                .average()
                .orElse(0);
        accuracy.forEach((system, value) -> System.out.printf("grouping accuracy %-9s %.4f%n", system, value));
        System.out.printf("grouping accuracy %-9s %.4f%n", "average", average);

        assertThat(accuracy).hasSizeGreaterThanOrEqualTo(5);
        assertThat(average).isGreaterThanOrEqualTo(TARGET);
    }

    @Test
    void theCommittedCorpusIsWhatTheGeneratorMakes() throws IOException {
        for (LogSystem system : LogSystems.all()) {
            List<Line> generated = LogCorpus.generate(system, LogCorpus.LINES_PER_SYSTEM);
            assertThat(resourceLines(system.name() + ".log"))
                    .as(system.name() + ".log: regenerate with LogCorpus.main")
                    .isEqualTo(generated.stream().map(Line::text).toList());
            assertThat(resourceLines(system.name() + ".truth"))
                    .isEqualTo(generated.stream().map(Line::truth).toList());
        }
    }

    @Test
    void groupingAccuracyCountsALineOnlyWhenItsGroupIsExactlyItsTemplate() {
        // truth A = lines 0,1; B = lines 2,3; mined: {0,1} exact, {2} and {3} split B
        assertThat(GroupingAccuracy.of(List.of("x", "x", "y", "z"), List.of("A", "A", "B", "B")))
                .isEqualTo(0.5);
        // one mined group holding A and B: nothing correct
        assertThat(GroupingAccuracy.of(List.of("x", "x", "x"), List.of("A", "A", "B")))
                .isEqualTo(0.0);
        assertThat(GroupingAccuracy.of(List.of("p", "q", "p"), List.of("A", "B", "A")))
                .isEqualTo(1.0);
    }

    static List<String> resourceLines(String name) throws IOException {
        try (InputStream in = TemplateMinerAccuracyTest.class.getResourceAsStream("/templates/" + name)) {
            assertThat(in).as("resource /templates/" + name).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().toList();
        }
    }
}
