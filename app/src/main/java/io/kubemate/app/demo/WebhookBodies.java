package io.kubemate.app.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemate.core.alert.Fingerprint;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Renders demo notifications as Alertmanager 0.25 sends them: webhook version 4, whole group, per-alert status. */
final class WebhookBodies {
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";
    private final ObjectMapper mapper = new ObjectMapper();
    /** When each resolved alert resolved: Alertmanager re-sends a resolved alert with the same {@code endsAt}. */
    private final Map<Map<String, String>, Instant> resolvedAt = new HashMap<>();

    /** The JSON body of {@code notification}; alerts resolving in it end at {@code now}. */
    byte[] render(DemoScenario.Notification notification, Instant now) {
        ObjectNode body = mapper.createObjectNode();
        body.put("receiver", notification.receiver());
        body.put("status", notification.firingCount() > 0 ? "firing" : "resolved");
        ArrayNode alerts = body.putArray("alerts");
        Map<String, String> common = null;
        for (DemoScenario.Entry entry : notification.entries()) {
            if (entry.firing()) {
                resolvedAt.remove(entry.alert().labels());
            }
            ObjectNode alert = alerts.addObject();
            alert.put("status", entry.firing() ? "firing" : "resolved");
            alert.set("labels", mapper.valueToTree(entry.alert().labels()));
            alert.set("annotations", mapper.valueToTree(entry.alert().annotations()));
            alert.put("startsAt", entry.alert().startsAt().toString());
            alert.put("endsAt", entry.firing() ? ZERO_TIME : endOf(entry, now).toString());
            alert.put("generatorURL", "http://prometheus.demo:9090/graph?g0.expr=ALERTS&g0.tab=1");
            alert.put("fingerprint", Fingerprint.of(entry.alert().labels()).value());
            common = intersect(common, entry.alert().labels());
        }
        body.set("groupLabels", mapper.valueToTree(notification.groupLabels()));
        body.set("commonLabels", mapper.valueToTree(common == null ? Map.of() : common));
        body.putObject("commonAnnotations");
        body.put("externalURL", "http://alertmanager.demo:9093");
        body.put("version", "4");
        body.put("groupKey", notification.groupKey());
        body.put("truncatedAlerts", 0);
        try {
            return mapper.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("demo bodies are always serialisable", e);
        }
    }

    private Instant endOf(DemoScenario.Entry entry, Instant now) {
        return resolvedAt.computeIfAbsent(entry.alert().labels(), labels -> now);
    }

    private static Map<String, String> intersect(Map<String, String> common, Map<String, String> labels) {
        if (common == null) {
            return new HashMap<>(labels);
        }
        common.entrySet().removeIf(e -> !e.getValue().equals(labels.get(e.getKey())));
        return common;
    }
}
