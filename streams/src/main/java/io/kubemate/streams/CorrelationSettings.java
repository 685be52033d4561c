package io.kubemate.streams;

import io.kubemate.core.incident.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How alerts are correlated into incidents and how incidents are published.
 *
 * @param groupBy the labels that form an alert's scope; alerts correlate only within one scope
 * @param window an alert joins the active incident of its scope whose last activity is within this of the alert
 * @param resolveAfter an active incident whose alerts are all resolved resolves after this quiet time
 * @param flapWindow an alert that re-fires within this of its resolution is flapping; a resolved incident whose
 *     alert re-fires within this of the incident's resolution is reopened, and resolved incidents leave the local
 *     stores once resolved for longer than this
 * @param emitInterval how often (wall clock) changed incidents are published
 * @param timelineLimit the most timeline entries a snapshot holds (the first entry is always kept)
 * @param serviceLabels the labels naming an alert's service, first present wins
 * @param punctuateInterval how often (wall clock) quiet incidents are resolved and old ones cleaned up
 * @param partitionBy the labels (a subset of {@code groupBy}) whose values route an alert to the processor that
 *     owns its incidents. Alerts of different scopes but the same partition values can join one incident when
 *     their services are joined by a service graph edge (topology-aware correlation); with the default {@code
 *     [cluster]} that is "across namespaces of one cluster". Empty means the whole scope (no cross-scope joins).
 * @param topologyLabels labels naming infrastructure that alerts share (default {@code [node]}): an alert joins an
 *     active incident of its routing key, within the window, when one of its members has the same value of one of
 *     these labels (pods evicted from the node under pressure join the node's incident)
 * @throws IllegalArgumentException when a list is empty or a duration is not positive
 */
public record CorrelationSettings(
        List<String> groupBy,
        Duration window,
        Duration resolveAfter,
        Duration flapWindow,
        Duration emitInterval,
        int timelineLimit,
        List<String> serviceLabels,
        Duration punctuateInterval,
        List<String> partitionBy,
        List<String> topologyLabels) {

    /** The default {@link #topologyLabels()}: {@code [node]}. */
    public static final List<String> DEFAULT_TOPOLOGY_LABELS = List.of("node");

    /** Settings with the default {@link #partitionBy()}: {@link #defaultPartitionBy(List)}. */
    public CorrelationSettings(
            List<String> groupBy,
            Duration window,
            Duration resolveAfter,
            Duration flapWindow,
            Duration emitInterval,
            int timelineLimit,
            List<String> serviceLabels,
            Duration punctuateInterval) {
        this(
                groupBy,
                window,
                resolveAfter,
                flapWindow,
                emitInterval,
                timelineLimit,
                serviceLabels,
                punctuateInterval,
                defaultPartitionBy(groupBy),
                DEFAULT_TOPOLOGY_LABELS);
    }

    public CorrelationSettings {
        groupBy = List.copyOf(Objects.requireNonNull(groupBy, "groupBy"));
        serviceLabels = List.copyOf(Objects.requireNonNull(serviceLabels, "serviceLabels"));
        if (groupBy.isEmpty() || groupBy.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("groupBy needs at least one non-blank label name");
        }
        if (serviceLabels.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("serviceLabels must not contain blank names");
        }
        requirePositive("window", window);
        requirePositive("resolveAfter", resolveAfter);
        requirePositive("flapWindow", flapWindow);
        requirePositive("emitInterval", emitInterval);
        requirePositive("punctuateInterval", punctuateInterval);
        topologyLabels = List.copyOf(Objects.requireNonNull(topologyLabels, "topologyLabels"));
        partitionBy = Objects.requireNonNull(partitionBy, "partitionBy").isEmpty() ? groupBy : List.copyOf(partitionBy);
        if (!groupBy.containsAll(partitionBy)) {
            throw new IllegalArgumentException(
                    "partitionBy " + partitionBy + " must be a subset of groupBy " + groupBy);
        }
        if (timelineLimit < 2) {
            throw new IllegalArgumentException("timelineLimit must be at least 2");
        }
    }

    /** Group by cluster and namespace, 10m window, 5m resolve-after and flap window, 50ms emit, 200 entries. */
    public static CorrelationSettings defaults() {
        return new CorrelationSettings(
                List.of("cluster", "namespace"),
                Duration.ofMinutes(10),
                Duration.ofMinutes(5),
                Duration.ofMinutes(5),
                Duration.ofMillis(50),
                200,
                List.of("service", "app", "app.kubernetes.io/name"),
                Duration.ofSeconds(1));
    }

    /** {@code [cluster]} when {@code groupBy} has a {@code cluster} label, otherwise all of {@code groupBy}. */
    public static List<String> defaultPartitionBy(List<String> groupBy) {
        if (groupBy == null) {
            return List.of();
        }
        return groupBy.contains("cluster") ? List.of("cluster") : List.copyOf(groupBy);
    }

    /** The same settings with another {@link #partitionBy()}. */
    public CorrelationSettings withPartitionBy(List<String> labels) {
        return new CorrelationSettings(
                groupBy,
                window,
                resolveAfter,
                flapWindow,
                emitInterval,
                timelineLimit,
                serviceLabels,
                punctuateInterval,
                labels == null ? List.of() : labels,
                topologyLabels);
    }

    /** The same settings with other {@link #topologyLabels()} (empty: no shared-infrastructure joins). */
    public CorrelationSettings withTopologyLabels(List<String> labels) {
        return new CorrelationSettings(
                groupBy,
                window,
                resolveAfter,
                flapWindow,
                emitInterval,
                timelineLimit,
                serviceLabels,
                punctuateInterval,
                partitionBy,
                labels == null ? List.of() : labels);
    }

    /** The routing key of an alert with {@code labels}: its values of {@link #partitionBy()}. */
    public String routingKey(Map<String, String> labels) {
        return Scope.of(partitionBy, labels).key();
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
