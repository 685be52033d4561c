package io.kubemate.webhooks.outbound;

import io.kubemate.core.incident.Incident;
import io.kubemate.core.redact.Redactor;
import java.util.LinkedHashMap;
import java.util.Map;

/** The body of a generic webhook: the event and the incident's summary fields, free text redacted. */
final class WebhookPayload {
    private final Redactor redactor = new Redactor();
    private final IncidentLinks links;

    WebhookPayload(IncidentLinks links) {
        this.links = links;
    }

    Map<String, Object> body(IncidentEvent event, Incident incident) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event.wireName());
        body.put("id", incident.id().value());
        body.put("version", incident.version());
        body.put("status", incident.status().wireName());
        body.put("severity", incident.severity().wireName());
        body.put("title", redactor.redact(incident.title()));
        Map<String, String> scope = new LinkedHashMap<>();
        incident.scope().forEach((k, v) -> scope.put(k, redactor.redact(v)));
        body.put("scope", scope);
        body.put("services", incident.services().stream().map(redactor::redact).toList());
        body.put("alertCount", incident.alertCount());
        body.put("firingCount", incident.firingCount());
        body.put("openedAt", incident.openedAt().toString());
        body.put("updatedAt", incident.updatedAt().toString());
        body.put(
                "resolvedAt",
                incident.resolvedAt() == null ? null : incident.resolvedAt().toString());
        body.put("url", links.page(incident.id().value()).orElse(null));
        return body;
    }
}
