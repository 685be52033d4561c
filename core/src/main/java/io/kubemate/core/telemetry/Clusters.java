package io.kubemate.core.telemetry;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the Kubernetes cluster a label set talks about, so evidence about {@code checkout} in one cluster is never
 * shown on an incident about {@code checkout} in another. Alerts carry it as the {@code cluster} label (Prometheus
 * {@code external_labels}), OTLP resources as {@code k8s.cluster.name}, Loki streams as {@code cluster} or, from the
 * Collector, {@code k8s_cluster_name}. The first non-blank label of {@link #LABELS} wins.
 */
public final class Clusters {
    /** The attribute a span record keeps its resource's cluster under. */
    public static final String ATTRIBUTE = "k8s.cluster.name";

    /** The label names looked at, in order. */
    public static final List<String> LABELS = List.of(ATTRIBUTE, "cluster", "k8s_cluster_name", "cluster_name");

    private Clusters() {}

    /** The cluster named by {@code labels}, or an empty string. */
    public static String fromLabels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return "";
        }
        for (String name : LABELS) {
            String value = labels.get(name);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return "";
    }

    /** The clusters named by any of {@code labelSets}, sorted; empty when none names one. */
    public static Set<String> fromAll(Collection<? extends Map<String, String>> labelSets) {
        Set<String> clusters = new TreeSet<>();
        for (Map<String, String> labels : labelSets) {
            String cluster = fromLabels(labels);
            if (!cluster.isEmpty()) {
                clusters.add(cluster);
            }
        }
        return clusters;
    }

    /**
     * Whether telemetry from {@code cluster} may be evidence for an incident in {@code incidentClusters}: when either
     * side does not know its cluster (unlabelled telemetry, or alerts without a cluster label), it may; otherwise only
     * the same cluster.
     */
    public static boolean matches(String cluster, Set<String> incidentClusters) {
        return cluster == null
                || cluster.isEmpty()
                || incidentClusters == null
                || incidentClusters.isEmpty()
                || incidentClusters.contains(cluster);
    }
}
