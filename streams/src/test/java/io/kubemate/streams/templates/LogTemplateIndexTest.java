package io.kubemate.streams.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kubemate.core.redact.Redactor;
import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.streams.templates.LogTemplateIndex.Scope;
import io.kubemate.streams.templates.LogTemplateIndex.ScopedStat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LogTemplateIndexTest {
    private static final Instant T0 = Instant.parse("2026-03-11T12:00:00Z");

    private final LogTemplateIndex index = new LogTemplateIndex(new Redactor(), 10, 100, Duration.ofHours(1));

    private static LogEntry log(String service, Map<String, String> labels, int second, String line) {
        return new LogEntry(service, T0.plusSeconds(second), line, "error", labels, "", "", "loki");
    }

    @Test
    void theSameServiceInTwoClustersKeepsTwoSetsOfTemplates() {
        // given checkout fails differently in two clusters, and some of its logs name no cluster
        for (int i = 0; i < 3; i++) {
            index.add(log("checkout", Map.of("cluster", "eu"), i, "Connection to orders-db refused attempt " + i));
            index.add(log("checkout", Map.of("k8s_cluster_name", "us"), i, "Payment gateway timeout after " + i + "s"));
        }
        index.add(log("checkout", Map.of(), 5, "Shutting down"));
        index.add(log("cart", Map.of("cluster", "eu"), 5, "Redis timeout"));

        // when
        List<ScopedStat> eu = index.excerpt("checkout", Set.of("eu"), T0, T0.plusSeconds(60), T0, 10);
        List<ScopedStat> all = index.excerpt("checkout", Set.of(), T0, T0.plusSeconds(60), T0, 10);

        // then eu sees its own templates and the unlabelled ones, never us's
        assertThat(eu)
                .extracting(s -> s.scope().cluster(), s -> s.stat().template())
                .containsExactlyInAnyOrder(
                        tuple("eu", "Connection to orders-db refused attempt <*>"), tuple("", "Shutting down"));
        assertThat(eu.get(0).stat().count()).isEqualTo(3);
        assertThat(all).extracting(ScopedStat::scope).contains(new Scope("checkout", "us"));
        assertThat(index.excerpt("checkout", Set.of("eu"), T0, T0.plusSeconds(60), T0, 1))
                .hasSize(1);
        assertThat(index.services()).containsExactlyInAnyOrder("checkout", "cart");
    }
}
