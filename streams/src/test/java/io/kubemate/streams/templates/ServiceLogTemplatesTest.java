package io.kubemate.streams.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.redact.Redactor;
import io.kubemate.core.telemetry.LogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceLogTemplatesTest {
    static final Instant T0 = Instant.parse("2024-03-11T12:00:00Z");

    private final ServiceLogTemplates templates = new ServiceLogTemplates("checkout", new Redactor());

    private static LogEntry log(Instant at, String severity, String line) {
        return new LogEntry("checkout", at, line, severity, Map.of(), "", "", "loki");
    }

    @Test
    void flagsTemplatesNewInTheWindowAndRanksThemFirst() {
        // baseline: [T0, T0+30m) holds only "Fetching order"
        for (int m = 0; m < 30; m++) {
            templates.add(log(T0.plusSeconds(60L * m), "info", "Fetching order " + m));
        }
        // window: [T0+30m, T0+40m] adds a new error template
        Instant from = T0.plusSeconds(30 * 60);
        templates.add(log(from.plusSeconds(5), "info", "Fetching order 99"));
        for (int i = 0; i < 4; i++) {
            templates.add(
                    log(from.plusSeconds(60 + i), "error", "Payment for order " + i + " failed password=hunter2"));
        }

        List<TemplateStat> stats = templates.excerpt(from, from.plusSeconds(600), T0, 10);

        assertThat(stats).hasSize(2);
        TemplateStat fresh = stats.get(0);
        assertThat(fresh.template()).isEqualTo("Payment for order <*> failed password=hunter2");
        assertThat(fresh.newInWindow()).isTrue();
        assertThat(fresh.count()).isEqualTo(4);
        assertThat(fresh.baselineCount()).isZero();
        assertThat(fresh.severity()).isEqualTo("error");
        assertThat(fresh.firstSeen()).isEqualTo(from.plusSeconds(60));
        assertThat(fresh.lastSeen()).isEqualTo(from.plusSeconds(63));
        assertThat(fresh.example()).isEqualTo("Payment for order 3 failed password=[REDACTED:password]");
        TemplateStat old = stats.get(1);
        assertThat(old.newInWindow()).isFalse();
        assertThat(old.baselineCount()).isEqualTo(30);
        assertThat(old.count()).isEqualTo(1);
    }

    @Test
    void computesTheSurgeFactorAgainstTheBaselineRate() {
        // baseline 60 min, 1 line every 10 minutes = 6 lines; window 10 min with 60 lines
        for (int m = 0; m < 60; m += 10) {
            templates.add(log(T0.plusSeconds(60L * m), "warn", "pool timed out after 30000ms"));
        }
        Instant from = T0.plusSeconds(3600);
        for (int i = 0; i < 60; i++) {
            templates.add(log(from.plusSeconds(i * 10L), "warn", "pool timed out after 30000ms"));
        }
        TemplateStat stat =
                templates.excerpt(from, from.plusSeconds(599), T0, 5).get(0);

        // window: 60 lines / 10 min; baseline: (6 + 1) lines / 60 min
        assertThat(stat.surgeFactor()).isCloseTo((60 / 10.0) / (7 / 60.0), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(stat.isNewOrSurging()).isTrue();
        assertThat(stat.newInWindow()).isFalse();
    }

    @Test
    void ranksWarningsBeforeInfoWhenNeitherIsNew() {
        for (int m = 0; m < 10; m++) {
            templates.add(log(T0.plusSeconds(60L * m), "info", "cache hit ratio " + m));
            templates.add(log(T0.plusSeconds(60L * m), "warn", "slow query took " + m + "ms"));
        }
        Instant from = T0.plusSeconds(600);
        for (int m = 0; m < 5; m++) {
            templates.add(log(from.plusSeconds(60L * m), "info", "cache hit ratio " + m));
            templates.add(log(from.plusSeconds(60L * m), "info", "cache hit ratio " + m));
            templates.add(log(from.plusSeconds(60L * m), "warn", "slow query took " + m + "ms"));
        }
        List<TemplateStat> stats = templates.excerpt(from, from.plusSeconds(299), T0, 1);

        assertThat(stats).hasSize(1);
        assertThat(stats.get(0).template()).isEqualTo("slow query took <*>");
    }

    @Test
    void forgetsCountsOlderThanTheRetention() {
        ServiceLogTemplates short_ = new ServiceLogTemplates("s", new Redactor(), 100, Duration.ofMinutes(10));
        short_.add(log(T0, "info", "started worker 1"));
        short_.add(log(T0.plusSeconds(30 * 60), "info", "started worker 2"));
        short_.add(log(T0.plusSeconds(60), "info", "started worker 3")); // too old by now: learned, not counted

        assertThat(short_.excerpt(T0, T0.plusSeconds(600), T0, 10)).isEmpty();
        List<TemplateStat> recent = short_.excerpt(T0.plusSeconds(1500), T0.plusSeconds(1900), T0, 10);
        assertThat(recent).singleElement().extracting(TemplateStat::count).isEqualTo(1L);
        assertThat(short_.lines()).isEqualTo(3);
    }

    @Test
    void boundsTemplatesPerServiceWithAnOverflowTemplate() {
        ServiceLogTemplates small = new ServiceLogTemplates("s", new Redactor(), 2, Duration.ofHours(1));
        small.add(log(T0, "info", "one"));
        small.add(log(T0, "info", "two words"));
        small.add(log(T0, "info", "three words here"));

        List<TemplateStat> stats = small.excerpt(T0, T0.plusSeconds(60), T0, 10);
        assertThat(small.templates()).isEqualTo(2);
        assertThat(stats).extracting(TemplateStat::templateId).contains(Match.OVERFLOW_ID);
    }

    @Test
    void rejectsAnInvertedWindowNamingTheField() {
        assertThatThrownBy(() -> templates.excerpt(T0.plusSeconds(10), T0, T0, 5))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("/from");
    }

    @Test
    void indexKeepsOneServicePerNameAndForgetsTheLeastRecentlyUsed() {
        LogTemplateIndex index = new LogTemplateIndex(new Redactor(), 2, 100, Duration.ofHours(1));
        index.add(new LogEntry("a", T0, "hello 1", "info", Map.of(), "", "", "loki"));
        index.add(new LogEntry("b", T0, "hello 2", "info", Map.of(), "", "", "loki"));
        index.add(new LogEntry("a", T0, "hello 3", "info", Map.of(), "", "", "loki"));
        index.add(new LogEntry("c", T0, "hello 4", "info", Map.of(), "", "", "loki"));

        assertThat(index.services()).containsExactly("a", "c");
        assertThat(index.excerpt("a", T0, T0.plusSeconds(60), T0, 5))
                .singleElement()
                .extracting(TemplateStat::count)
                .isEqualTo(2L);
        assertThat(index.excerpt("b", T0, T0.plusSeconds(60), T0, 5)).isEmpty();
    }
}
