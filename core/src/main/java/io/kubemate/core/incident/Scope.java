package io.kubemate.core.incident;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The correlation scope of an alert: the values of the configured {@code group_by} labels. Alerts correlate only
 * within one scope. A missing label counts as the empty value.
 *
 * @param labels the group-by label names and the alert's values, sorted by name
 */
public record Scope(Map<String, String> labels) {
    public Scope {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    /** The scope of an alert with {@code alertLabels} under {@code groupBy}. */
    public static Scope of(List<String> groupBy, Map<String, String> alertLabels) {
        SortedMap<String, String> values = new TreeMap<>();
        for (String name : groupBy) {
            values.put(name, alertLabels.getOrDefault(name, ""));
        }
        return new Scope(values);
    }

    /** A stable string form, {@code cluster=prod-eu-1,namespace=shop}: the partition key of the correlation. */
    public String key() {
        StringBuilder key = new StringBuilder();
        labels.forEach((name, value) -> {
            if (key.length() > 0) {
                key.append(',');
            }
            key.append(name).append('=').append(value);
        });
        return key.toString();
    }

    /** A short human form: the non-empty values joined by {@code /}, e.g. {@code prod-eu-1/shop}. */
    public String display() {
        String text = String.join(
                "/", labels.values().stream().filter(v -> !v.isEmpty()).toList());
        return text.isEmpty() ? "(no scope)" : text;
    }
}
