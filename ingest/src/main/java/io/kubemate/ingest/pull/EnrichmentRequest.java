package io.kubemate.ingest.pull;

import io.kubemate.core.error.InvalidInputException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to pull evidence for.
 *
 * @param incidentId the incident it is for
 * @param services the services to ask Loki and Jaeger about; blanks dropped, iterated in sorted order
 * @param from start of the incident window
 * @param to end of the incident window, not before {@code from}
 * @param alerts the incident's alerts: their names and Prometheus {@code generatorURL}s (each expression is queried
 *     once)
 */
public record EnrichmentRequest(String incidentId, Set<String> services, Instant from, Instant to, List<Alert> alerts) {

    /**
     * One alert of the incident.
     *
     * @param name its {@code alertname}, may be empty
     * @param generatorUrl its {@code generatorURL}, may be empty
     */
    public record Alert(String name, String generatorUrl) {
        public Alert {
            name = name == null ? "" : name;
            generatorUrl = generatorUrl == null ? "" : generatorUrl;
        }
    }

    public EnrichmentRequest {
        if (incidentId == null || incidentId.isBlank()) {
            throw new InvalidInputException("/incidentId", "incidentId is required");
        }
        if (from == null) {
            throw new InvalidInputException("/from", "from is required");
        }
        if (to == null) {
            throw new InvalidInputException("/to", "to is required");
        }
        if (to.isBefore(from)) {
            throw new InvalidInputException("/to", "to (" + to + ") is before from (" + from + ")");
        }
        TreeSet<String> names = new TreeSet<>();
        if (services != null) {
            services.stream()
                    .filter(Objects::nonNull)
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .forEach(names::add);
        }
        services = Collections.unmodifiableSortedSet(names);
        alerts = alerts == null
                ? List.of()
                : alerts.stream().filter(Objects::nonNull).toList();
    }

    /** A request from services and bare generator URLs (alerts without names). */
    public static EnrichmentRequest of(
            String incidentId, Iterable<String> services, Instant from, Instant to, List<String> generatorUrls) {
        TreeSet<String> names = new TreeSet<>();
        if (services != null) {
            services.forEach(s -> {
                if (s != null) {
                    names.add(s);
                }
            });
        }
        List<Alert> alerts = generatorUrls == null
                ? List.of()
                : generatorUrls.stream().map(url -> new Alert("", url)).toList();
        return new EnrichmentRequest(incidentId, names, from, to, alerts);
    }
}
