package io.kubemate.streams.evidence;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How evidence is assembled.
 *
 * @param interval how often the assembler looks for incidents that changed
 * @param refresh how often an active incident's evidence is re-assembled even when the incident did not change (new
 *     logs and traces keep arriving)
 * @param lead how long before an incident opened its evidence window starts
 * @param baseline the window before that which log templates are compared with ("new" and "surging")
 * @param keepResolved how long after resolution an incident's evidence is still refreshed
 * @param serviceLabels the alert labels naming a service, first present wins (the correlation's)
 * @param topologyLabels the alert labels naming the infrastructure an alert runs on (the correlation's)
 * @param maxServices at most this many of an incident's services are looked at
 * @param logTemplatesPerService at most this many log template items per service
 * @param maxLogTemplates at most this many log template items per incident
 * @param maxChanges at most this many change items per incident
 */
public record EvidenceSettings(
        Duration interval,
        Duration refresh,
        Duration lead,
        Duration baseline,
        Duration keepResolved,
        List<String> serviceLabels,
        List<String> topologyLabels,
        int maxServices,
        int logTemplatesPerService,
        int maxLogTemplates,
        int maxChanges) {

    public EvidenceSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(refresh, "refresh");
        Objects.requireNonNull(lead, "lead");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(keepResolved, "keepResolved");
        serviceLabels = List.copyOf(serviceLabels);
        topologyLabels = List.copyOf(topologyLabels);
    }

    /** Every second; refresh every 15 s; 5 min lead; 30 min baseline; 1 h after resolution; 10/5/15/5. */
    public static EvidenceSettings defaults(List<String> serviceLabels, List<String> topologyLabels) {
        return new EvidenceSettings(
                Duration.ofSeconds(1),
                Duration.ofSeconds(15),
                Duration.ofMinutes(5),
                Duration.ofMinutes(30),
                Duration.ofHours(1),
                serviceLabels,
                topologyLabels,
                10,
                5,
                15,
                5);
    }
}
