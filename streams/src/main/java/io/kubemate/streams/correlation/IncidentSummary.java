package io.kubemate.streams.correlation;

import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.incident.Scope;
import io.kubemate.core.incident.Severity;
import io.kubemate.streams.CorrelationSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an incident's snapshot says about its members as a whole, kept in the header and updated per member change,
 * so that publishing a snapshot never reads the members.
 *
 * @param severity the highest severity among the members
 * @param services the sorted distinct values of each member's first present service label
 * @param alertNames how many members carry each alert name
 * @param anchors what alerts joining by topology are matched on: see {@link #anchorsOf} (at most {@value
 *     #MAX_ANCHORS})
 */
record IncidentSummary(
        Severity severity, List<String> services, Map<String, Integer> alertNames, List<String> anchors) {
    static final IncidentSummary EMPTY = new IncidentSummary(Severity.NONE, List.of(), Map.of(), List.of());
    static final int MAX_ANCHORS = 64;
    /** Prefix of the anchor of a member's service within its scope. */
    static final String SERVICE_ANCHOR = "service:";

    IncidentSummary {
        severity = severity == null ? Severity.NONE : severity;
        services = services == null ? List.of() : List.copyOf(services);
        alertNames = alertNames == null ? Map.of() : Map.copyOf(alertNames);
        anchors = anchors == null ? List.of() : List.copyOf(anchors);
    }

    /** The summary of exactly {@code members}. */
    static IncidentSummary of(List<IncidentAlert> members, CorrelationSettings settings) {
        IncidentSummary summary = EMPTY;
        for (IncidentAlert member : members) {
            summary = summary.plus(member, settings);
        }
        return summary;
    }

    /**
     * The anchors of an alert with {@code labels}: {@code label=value} for each topology label it has (the node it
     * runs on), and {@code service:<scope key>/<service>} when it names a service (the same service in the same
     * scope).
     */
    static List<String> anchorsOf(Map<String, String> labels, CorrelationSettings settings) {
        List<String> anchors = new ArrayList<>();
        for (String name : settings.topologyLabels()) {
            String value = labels.get(name);
            if (value != null && !value.isBlank()) {
                anchors.add(name + "=" + value);
            }
        }
        serviceOf(labels, settings.serviceLabels())
                .ifPresent(service -> anchors.add(
                        SERVICE_ANCHOR + Scope.of(settings.groupBy(), labels).key() + "/" + service));
        return anchors;
    }

    /** The first present service label's value. */
    static Optional<String> serviceOf(Map<String, String> labels, List<String> serviceLabels) {
        return serviceLabels.stream()
                .map(labels::get)
                .filter(value -> value != null && !value.isBlank())
                .findFirst();
    }

    /** This summary with one more member. */
    IncidentSummary plus(IncidentAlert member, CorrelationSettings settings) {
        List<String> serviceLabels = settings.serviceLabels();
        TreeSet<String> allAnchors = new TreeSet<>(anchors);
        for (String anchor : anchorsOf(member.labels(), settings)) {
            if (allAnchors.size() < MAX_ANCHORS) {
                allAnchors.add(anchor);
            }
        }
        TreeSet<String> allServices = new TreeSet<>(services);
        serviceOf(member.labels(), serviceLabels).ifPresent(allServices::add);
        Map<String, Integer> names = new TreeMap<>(alertNames);
        String name = member.labels().getOrDefault("alertname", "");
        names.merge(name.isBlank() ? "Alert" : name, 1, Integer::sum);
        return new IncidentSummary(
                severity.max(Severity.fromLabel(member.labels().get("severity"))),
                List.copyOf(allServices),
                names,
                List.copyOf(allAnchors));
    }

    /**
     * The most frequent alert name (ties broken alphabetically), {@code +N more} for the other distinct names, and
     * the scope: {@code HighErrorRate +2 more in prod-eu-1/shop}.
     */
    String title(Map<String, String> scope) {
        String where = new Scope(scope).display();
        if (alertNames.isEmpty()) {
            return "Incident in " + where;
        }
        String top = alertNames.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .orElseThrow()
                .getKey();
        int others = alertNames.size() - 1;
        return top + (others > 0 ? " +" + others + " more" : "") + " in " + where;
    }
}
