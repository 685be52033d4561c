package io.kubemate.slack.message;

import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Picks an incident's channel: the first rule its labels match, else the default channel (if any). */
public final class ChannelRouter {
    private final List<ChannelRule> rules;
    private final String defaultChannel;

    public ChannelRouter(List<ChannelRule> rules, String defaultChannel) {
        this.rules = List.copyOf(rules);
        this.defaultChannel = defaultChannel == null ? "" : defaultChannel;
    }

    /** The channel for {@code incident}, or empty when no rule matches and there is no default. */
    public Optional<String> channel(Incident incident) {
        Map<String, Set<String>> labels = new HashMap<>();
        incident.scope().forEach((k, v) -> labels.computeIfAbsent(k, x -> new HashSet<>())
                .add(v));
        for (IncidentAlert alert : incident.alerts()) {
            alert.labels().forEach((k, v) -> labels.computeIfAbsent(k, x -> new HashSet<>())
                    .add(v));
        }
        labels.computeIfAbsent("severity", x -> new HashSet<>())
                .add(incident.severity().wireName());
        if (!incident.services().isEmpty()) {
            labels.computeIfAbsent("service", x -> new HashSet<>()).addAll(incident.services());
        }
        for (ChannelRule rule : rules) {
            if (rule.matches(labels)) {
                return Optional.of(rule.channel());
            }
        }
        return defaultChannel.isBlank() ? Optional.empty() : Optional.of(defaultChannel);
    }
}
