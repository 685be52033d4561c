package io.kubemate.app.deploy;

import io.kubemate.app.config.Setting;
import io.kubemate.app.observe.MeteredModelTracker;
import io.kubemate.app.observe.RuntimeMetrics;
import io.kubemate.core.alert.AlertSink;
import io.kubemate.core.incident.IncidentSink;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.IncidentView;
import io.kubemate.ingest.alertmanager.AlertmanagerWebhookParser;
import io.kubemate.rag.track.ModelTracker;
import io.kubemate.webhooks.http.HttpSettings;
import io.kubemate.webhooks.http.KubemateHttpServer;
import io.kubemate.webhooks.http.Route;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What deploy/ must agree with, read from the code rather than copied: the settings table, the HTTP routes and the
 * metric names of an HTTP server built (not started) the way {@code Kubemate} builds it.
 */
final class CodeFacts {
    private static final Pattern METRIC = Pattern.compile("\\bkubemate_[a-z0-9_]+");

    final Set<String> settings =
            Stream.of(Setting.values()).map(Setting::envName).collect(Collectors.toCollection(TreeSet::new));
    final Set<String> routes = new TreeSet<>();
    final Set<String> metrics = new TreeSet<>();

    CodeFacts() {
        PrometheusRegistry registry = new PrometheusRegistry();
        KubemateHttpServer server = KubemateHttpServer.builder(
                        HttpSettings.defaults(),
                        new AlertmanagerWebhookParser(Clock.systemUTC()),
                        unused(AlertSink.class),
                        unused(IncidentView.class),
                        unused(IncidentSink.class),
                        registry)
                .build();
        server.routes().stream().map(Route::path).forEach(routes::add);
        // and the ones Kubemate registers beside the server's: streams, incidents, summaries
        // (one lag sample, or the gauge would have no series to scrape)
        Map<MetricName, Metric> lag = Map.of(
                new MetricName(
                        "records-lag",
                        "consumer-fetch-manager-metrics",
                        "",
                        Map.of("topic", "kubemate.alerts.raw", "partition", "0")),
                new Metric() {
                    @Override
                    public MetricName metricName() {
                        return null;
                    }

                    @Override
                    public Object metricValue() {
                        return 0.0;
                    }
                });
        RuntimeMetrics.register(
                registry, () -> KafkaStreams.State.CREATED, () -> lag, () -> Map.of(IncidentStatus.OPEN, 0));
        new MeteredModelTracker(unused(ModelTracker.class), registry);
        for (MetricSnapshot snapshot : registry.scrape()) {
            String name = snapshot.getMetadata().getPrometheusName();
            if (snapshot instanceof CounterSnapshot) {
                metrics.add(name + "_total");
            } else if (snapshot instanceof HistogramSnapshot) {
                Stream.of("_bucket", "_count", "_sum").forEach(suffix -> metrics.add(name + suffix));
            } else {
                metrics.add(name);
            }
        }
    }

    int defaultHttpPort() {
        return Integer.parseInt(Setting.HTTP_PORT.defaultValue());
    }

    /** The kubemate_* metric names a PromQL expression reads. */
    static Set<String> metricsIn(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(promql);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    /** A collaborator the server needs to be built but that nothing calls while it is not started. */
    private static <T> T unused(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            throw new UnsupportedOperationException(method.getName());
        }));
    }
}
