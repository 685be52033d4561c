package io.kubemate.webhooks.api;

import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.evidence.ProbableOrigin;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.incident.IncidentPage;
import io.kubemate.core.incident.TimelineEntry;
import io.kubemate.core.rca.IncidentSummary;
import io.kubemate.core.redact.Redactor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API's JSON shapes, built as ordered maps so the field names and order are exactly those the OpenAPI document
 * lists (and independent of how the core records evolve).
 */
final class IncidentJson {
    private static final Redactor REDACTOR = new Redactor();

    private IncidentJson() {}

    static Map<String, Object> page(IncidentPage page) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("items", page.items().stream().map(IncidentJson::item).toList());
        json.put("nextCursor", page.nextCursor().orElse(null));
        return json;
    }

    static Map<String, Object> item(Incident incident) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", incident.id().value());
        json.put("status", incident.status().wireName());
        json.put("title", incident.title());
        json.put("severity", incident.severity().wireName());
        json.put("scope", incident.scope());
        json.put("services", incident.services());
        json.put("alertCount", incident.alertCount());
        json.put("firingCount", incident.firingCount());
        json.put("openedAt", incident.openedAt());
        json.put("updatedAt", incident.updatedAt());
        json.put("resolvedAt", incident.resolvedAt());
        json.put("version", incident.version());
        json.put("mergedInto", incident.isMerged() ? incident.mergedInto().value() : null);
        return json;
    }

    static Map<String, Object> detail(
            Incident incident, Optional<IncidentEvidence> evidence, Optional<IncidentSummary> summary) {
        Map<String, Object> json = detail(incident, evidence);
        json.put("summary", summary.map(IncidentJson::summary).orElse(null));
        return json;
    }

    private static Map<String, Object> summary(IncidentSummary summary) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("summaryId", summary.summaryId());
        json.put("kind", summary.kind());
        json.put("text", summary.text());
        IncidentSummary.RootCause cause = summary.probableRootCause();
        json.put(
                "probableRootCause",
                cause == null ? null : Map.of("service", cause.service(), "reason", cause.reason()));
        json.put("confidence", summary.confidence());
        json.put("citations", summary.citations());
        json.put("nextSteps", summary.nextSteps());
        json.put(
                "similar",
                summary.similar().stream()
                        .map(similar -> {
                            Map<String, Object> item = new LinkedHashMap<>();
                            item.put("citation", similar.citation());
                            item.put("incidentId", similar.incidentId());
                            item.put("score", similar.score());
                            item.put("resolution", similar.resolution());
                            return item;
                        })
                        .toList());
        json.put(
                "runbooks",
                summary.runbooks().stream()
                        .map(runbook -> {
                            Map<String, Object> item = new LinkedHashMap<>();
                            item.put("citation", runbook.citation());
                            item.put("id", runbook.id());
                            item.put("score", runbook.score());
                            item.put("excerpt", runbook.excerpt());
                            return item;
                        })
                        .toList());
        json.put("noCloseMatch", summary.noCloseMatch());
        IncidentSummary.ModelInfo model = summary.model();
        Map<String, Object> modelJson = new LinkedHashMap<>();
        modelJson.put("name", model.name());
        modelJson.put("digest", model.digest());
        modelJson.put("promptVersion", model.promptVersion());
        modelJson.put("embeddingModel", model.embeddingModel());
        json.put("model", modelJson);
        json.put("grounded", summary.grounded());
        json.put("note", summary.note());
        json.put("createdAt", summary.createdAt());
        return json;
    }

    static Map<String, Object> detail(Incident incident, Optional<IncidentEvidence> evidence) {
        Map<String, Object> json = detail(incident);
        json.put(
                "evidence",
                evidence.map(e -> e.items().stream().map(IncidentJson::evidence).toList())
                        .orElse(List.of()));
        json.put(
                "probableOrigin",
                evidence.map(e -> e.probableOrigin().stream()
                                .map(IncidentJson::origin)
                                .toList())
                        .orElse(List.of()));
        json.put("evidenceUpdatedAt", evidence.map(IncidentEvidence::updatedAt).orElse(null));
        return json;
    }

    private static Map<String, Object> evidence(EvidenceItem item) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", item.id());
        json.put("kind", item.kind().wire());
        json.put("source", item.source());
        json.put("service", item.service());
        json.put("from", item.from());
        json.put("to", item.to());
        json.put("title", item.title());
        json.put("lines", item.lines());
        json.put("attributes", item.attributes());
        return json;
    }

    private static Map<String, Object> origin(ProbableOrigin origin) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("service", origin.service());
        json.put("score", origin.score());
        json.put("reasons", origin.reasons());
        return json;
    }

    static Map<String, Object> detail(Incident incident) {
        Map<String, Object> json = item(incident);
        json.put("alerts", incident.alerts().stream().map(IncidentJson::alert).toList());
        json.put(
                "timeline",
                incident.timeline().stream().map(IncidentJson::entry).toList());
        json.put("timelineOmitted", incident.timelineOmitted());
        return json;
    }

    private static Map<String, Object> alert(IncidentAlert alert) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("fingerprint", alert.fingerprint());
        json.put("status", alert.status().wireName());
        json.put("labels", alert.labels());
        // annotations are free text from rules and templates: redacted before they are displayed
        json.put("annotations", redacted(alert.annotations()));
        json.put("startsAt", alert.startsAt());
        json.put("endsAt", alert.endsAt());
        json.put("generatorURL", alert.generatorUrl());
        return json;
    }

    private static Map<String, String> redacted(Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((key, value) -> out.put(key, REDACTOR.redact(value)));
        return out;
    }

    private static Map<String, Object> entry(TimelineEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", entry.at());
        json.put("kind", entry.kind());
        json.put("fingerprint", entry.fingerprint());
        json.put("actor", entry.actor());
        json.put("detail", entry.detail() == null ? null : REDACTOR.redact(entry.detail()));
        json.put("count", entry.count());
        return json;
    }
}
