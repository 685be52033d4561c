package io.kubemate.webhooks.outbound;

import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.Severity;
import io.kubemate.core.redact.Redactor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PagerDuty Events API v2 bodies ({@code POST /v2/enqueue}) for an incident event. The {@code dedup_key} is the
 * incident id, so PagerDuty folds every trigger of one incident into one alert and the acknowledge and resolve find
 * it. Free text (title, scope values, service names) is redacted before it leaves the process.
 */
final class PagerDutyEvents {
    static final String CLIENT = "Kubemate";
    static final int MAX_SUMMARY = 1024;

    private final Redactor redactor = new Redactor();
    private final IncidentLinks links;

    PagerDutyEvents(IncidentLinks links) {
        this.links = links;
    }

    /**
     * The event actions {@code event} needs, in order: a trigger for an opened or changed incident; an acknowledge
     * (after a trigger when PagerDuty was never told the incident is active); a resolve.
     */
    static List<String> actions(IncidentEvent event, DeliveredState last) {
        boolean active = last != null && last.status().isActive();
        return switch (event) {
            case TRIGGERED, UPDATED -> List.of("trigger");
            case ACKNOWLEDGED -> active ? List.of("acknowledge") : List.of("trigger", "acknowledge");
            case RESOLVED -> List.of("resolve");
        };
    }

    Map<String, Object> body(String action, String routingKey, Incident incident) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routing_key", routingKey);
        body.put("event_action", action);
        body.put("dedup_key", incident.id().value());
        if (!action.equals("trigger")) {
            return body; // acknowledge and resolve need only the key
        }
        body.put("payload", payload(incident));
        body.put("client", CLIENT);
        links.page(incident.id().value()).ifPresent(url -> {
            body.put("client_url", url);
            body.put("links", List.of(Map.of("href", url, "text", "Incident in Kubemate")));
        });
        return body;
    }

    private Map<String, Object> payload(Incident incident) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("summary", summary(incident));
        payload.put("source", source(incident));
        payload.put("severity", severity(incident.severity()));
        payload.put("timestamp", incident.openedAt().toString());
        if (!incident.services().isEmpty()) {
            payload.put("component", redactor.redact(incident.services().get(0)));
        }
        String group = incident.scope().get("namespace");
        if (group != null) {
            payload.put("group", redactor.redact(group));
        }
        payload.put("class", redactor.redact(alertName(incident.title())));
        payload.put("custom_details", details(incident));
        return payload;
    }

    private String summary(Incident incident) {
        String text = "[" + incident.severity().wireName() + "] " + incident.title() + " - " + incident.alertCount()
                + (incident.alertCount() == 1 ? " alert" : " alerts");
        String redacted = redactor.redact(text);
        return redacted.length() <= MAX_SUMMARY ? redacted : redacted.substring(0, MAX_SUMMARY - 1) + "…";
    }

    private String source(Incident incident) {
        List<String> parts = new ArrayList<>(incident.scope().values());
        String source = parts.isEmpty() ? "kubemate" : String.join("/", parts);
        return redactor.redact(source);
    }

    private Map<String, Object> details(Incident incident) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("incident_id", incident.id().value());
        details.put("version", incident.version());
        details.put("status", incident.status().wireName());
        details.put("title", redactor.redact(incident.title()));
        details.put("alert_count", incident.alertCount());
        details.put("firing_count", incident.firingCount());
        details.put(
                "services", incident.services().stream().map(redactor::redact).toList());
        Map<String, String> scope = new LinkedHashMap<>();
        incident.scope().forEach((k, v) -> scope.put(k, redactor.redact(v)));
        details.put("scope", scope);
        links.api(incident.id().value()).ifPresent(url -> details.put("api_url", url));
        return details;
    }

    /**
     * PagerDuty knows critical, error, warning and info. An incident without a severity label is sent as {@code
     * error}, the severity Alertmanager's own PagerDuty integration uses by default.
     */
    static String severity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "critical";
            case ERROR, NONE -> "error";
            case WARNING -> "warning";
            case INFO -> "info";
        };
    }

    /** The leading alert name of a title such as {@code HighErrorRate +2 more in prod/shop}. */
    static String alertName(String title) {
        int end = title.indexOf(' ');
        return end < 0 ? title : title.substring(0, end);
    }
}
