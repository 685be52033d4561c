package io.kubemate.core.telemetry;

import java.util.List;
import java.util.Map;

/**
 * Finds the service a label set talks about. Alerts, Loki streams and OTLP resources spell it differently; the first
 * non-blank label of {@link #LABELS} wins.
 */
public final class ServiceNames {
    /** The label names looked at, in order. */
    public static final List<String> LABELS = List.of(
            "service",
            "service_name",
            "service.name",
            "app_kubernetes_io_name",
            "app.kubernetes.io/name",
            "app",
            "k8s.deployment.name",
            "deployment",
            "container",
            "k8s.container.name",
            "job");

    private ServiceNames() {}

    /** The service named by {@code labels}, or an empty string. */
    public static String fromLabels(Map<String, String> labels) {
        if (labels == null) {
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
}
