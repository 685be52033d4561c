package io.kubemate.streams.correlation;

import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.incident.Scope;
import io.kubemate.core.incident.Severity;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an incident's snapshot says about its members as a whole, kept in the header and updated per member change,
 * so that publishing a snapshot never reads the members.
 *
 * @param severity the highest severity among the members
 * @param services the sorted distinct values of each member's first present service label
 * @param alertNames how many members carry each alert name
 */
record IncidentSummary(Severity severity, List<String> services, Map<String, Integer> alertNames) {
    static final IncidentSummary EMPTY = new IncidentSummary(Severity.NONE, List.of(), Map.of());

    IncidentSummary {
        severity = severity == null ? Severity.NONE : severity;
        services = services == null ? List.of() : List.copyOf(services);
        alertNames = alertNames == null ? Map.of() : Map.copyOf(alertNames);
    }

    /** The summary of exactly {@code members}. */
    static IncidentSummary of(List<IncidentAlert> members, List<String> serviceLabels) {
        IncidentSummary summary = EMPTY;
        for (IncidentAlert member : members) {
            summary = summary.plus(member, serviceLabels);
        }
        return summary;
    }

    /** This summary with one more member. */
    IncidentSummary plus(IncidentAlert member, List<String> serviceLabels) {
        TreeSet<String> allServices = new TreeSet<>(services);
        serviceLabels.stream()
                .map(member.labels()::get)
                .filter(value -> value != null && !value.isBlank())
                .findFirst()
                .ifPresent(allServices::add);
        Map<String, Integer> names = new TreeMap<>(alertNames);
        String name = member.labels().getOrDefault("alertname", "");
        names.merge(name.isBlank() ? "Alert" : name, 1, Integer::sum);
        return new IncidentSummary(
                severity.max(Severity.fromLabel(member.labels().get("severity"))), List.copyOf(allServices), names);
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
