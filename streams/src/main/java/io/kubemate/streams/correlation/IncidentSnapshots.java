package io.kubemate.streams.correlation;

import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.incident.Scope;
import io.kubemate.core.incident.Severity;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Builds the published {@link Incident} from a header and its members, deriving title, severity and services. */
final class IncidentSnapshots {
    private final List<String> serviceLabels;

    IncidentSnapshots(List<String> serviceLabels) {
        this.serviceLabels = serviceLabels;
    }

    /** The snapshot of {@code header} with {@code members} (ordered by fingerprint). */
    Incident build(IncidentHeader header, List<IncidentAlert> members) {
        return new Incident(
                header.id(),
                header.version(),
                header.status(),
                title(header, members),
                severity(members),
                header.scope(),
                header.scopeKey(),
                services(members),
                members.size(),
                (int) members.stream().filter(IncidentAlert::isFiring).count(),
                header.openedAt(),
                header.updatedAt(),
                header.resolvedAt(),
                members,
                header.timeline(),
                header.timelineOmitted());
    }

    /** The highest severity among the members. */
    static Severity severity(List<IncidentAlert> members) {
        Severity highest = Severity.NONE;
        for (IncidentAlert member : members) {
            highest = highest.max(Severity.fromLabel(member.labels().get("severity")));
        }
        return highest;
    }

    /** The sorted distinct values of each member's first present service label. */
    List<String> services(List<IncidentAlert> members) {
        TreeSet<String> services = new TreeSet<>();
        for (IncidentAlert member : members) {
            serviceLabels.stream()
                    .map(member.labels()::get)
                    .filter(value -> value != null && !value.isBlank())
                    .findFirst()
                    .ifPresent(services::add);
        }
        return List.copyOf(services);
    }

    /**
     * The most frequent alert name (ties broken alphabetically), {@code +N more} for the other distinct names, and
     * the scope: {@code HighErrorRate +2 more in prod-eu-1/shop}.
     */
    static String title(IncidentHeader header, List<IncidentAlert> members) {
        Map<String, Integer> counts = new TreeMap<>();
        for (IncidentAlert member : members) {
            String name = member.labels().getOrDefault("alertname", "");
            counts.merge(name.isBlank() ? "Alert" : name, 1, Integer::sum);
        }
        String where = new Scope(header.scope()).display();
        if (counts.isEmpty()) {
            return "Incident in " + where;
        }
        String top = counts.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .orElseThrow()
                .getKey();
        int others = counts.size() - 1;
        return top + (others > 0 ? " +" + others + " more" : "") + " in " + where;
    }
}
