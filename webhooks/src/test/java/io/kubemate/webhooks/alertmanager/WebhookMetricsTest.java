package io.kubemate.webhooks.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WebhookMetricsTest {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final WebhookMetrics metrics = new WebhookMetrics(registry);

    @Test
    void receiverNamesFromBodiesCannotGrowTheSeriesWithoutBound() {
        // found by the fuzz test: every distinct receiver name of an accepted body kept a series for good
        IntStream.range(0, 1_000).forEach(i -> metrics.accepted("receiver-" + i, 1));
        metrics.failed("x".repeat(WebhookMetrics.MAX_RECEIVER_CHARS + 1), WebhookMetrics.Outcome.UNAVAILABLE);

        List<String> receivers = requestSeriesReceivers();
        assertThat(receivers.stream().distinct())
                .hasSize(WebhookMetrics.MAX_RECEIVERS + 1)
                .contains("receiver-0", "receiver-63", "other")
                .doesNotContain("receiver-64");
        assertThat(receivers).allMatch(r -> r.length() <= WebhookMetrics.MAX_RECEIVER_CHARS);
    }

    @Test
    void knownReceiversKeepTheirOwnSeries() {
        metrics.accepted("webhook-ok", 3);
        metrics.failed("webhook-ok", WebhookMetrics.Outcome.UNAVAILABLE);

        assertThat(requestSeriesReceivers()).containsExactlyInAnyOrder("webhook-ok", "webhook-ok");
        assertThat(metrics.label("webhook-ok")).isEqualTo("webhook-ok");
    }

    private List<String> requestSeriesReceivers() {
        return registry.scrape().stream()
                .filter(s -> s.getMetadata().getName().equals("kubemate_webhook_requests"))
                .flatMap(s -> ((CounterSnapshot) s).getDataPoints().stream())
                .map(p -> p.getLabels().get("receiver"))
                .toList();
    }
}
