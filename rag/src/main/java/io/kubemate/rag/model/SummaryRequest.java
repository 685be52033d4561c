package io.kubemate.rag.model;

import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.evidence.ProbableOrigin;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Everything a summary model may look at for one incident.
 *
 * <p><b>Every text in here must already be redacted by the caller</b> (titles, alert digest, evidence lines,
 * resolutions, runbook chunks): summary models send it to an LLM as it is. Texts are untrusted telemetry all the
 * same; the prompt fences them off as data.
 *
 * @param incidentId the incident
 * @param title the incident's title
 * @param services the services the incident's alerts name
 * @param alertsDigest one line per alert (name, service, severity, status, summary), already redacted
 * @param evidence the evidence items, cited by their ids ({@code E1}, {@code E2}, ...)
 * @param probableOrigin the origin ranking, most likely first
 * @param similar past incidents retrieved as similar, most similar first (cited as {@code S1}, {@code S2}, ...)
 * @param runbooks runbook chunks retrieved for this incident, best first (cited as {@code R1}, {@code R2}, ...)
 * @param embeddingModel the embedding model the retrieval used, empty when nothing was retrieved
 */
public record SummaryRequest(
        String incidentId,
        String title,
        List<String> services,
        String alertsDigest,
        List<EvidenceItem> evidence,
        List<ProbableOrigin> probableOrigin,
        List<SimilarIncident> similar,
        List<RunbookChunk> runbooks,
        String embeddingModel) {

    public SummaryRequest {
        Objects.requireNonNull(incidentId, "incidentId");
        title = title == null ? "" : title;
        services = services == null ? List.of() : List.copyOf(services);
        alertsDigest = alertsDigest == null ? "" : alertsDigest;
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        probableOrigin = probableOrigin == null ? List.of() : List.copyOf(probableOrigin);
        similar = similar == null ? List.of() : List.copyOf(similar);
        runbooks = runbooks == null ? List.of() : List.copyOf(runbooks);
        embeddingModel = embeddingModel == null ? "" : embeddingModel;
    }

    /**
     * The request for {@code incident} (with its member alerts) and its {@code evidence}. The caller redacts the
     * incident, the evidence and the retrieved texts before calling this.
     */
    public static SummaryRequest of(
            Incident incident,
            IncidentEvidence evidence,
            List<SimilarIncident> similar,
            List<RunbookChunk> runbooks,
            String embeddingModel) {
        return new SummaryRequest(
                incident.id().value(),
                incident.title(),
                incident.services(),
                digest(incident.alerts()),
                evidence.items(),
                evidence.probableOrigin(),
                similar,
                runbooks,
                embeddingModel);
    }

    private static String digest(List<IncidentAlert> alerts) {
        return alerts.stream().map(SummaryRequest::line).collect(Collectors.joining("\n"));
    }

    private static String line(IncidentAlert alert) {
        String summary = alert.annotations().getOrDefault("summary", "");
        return String.join(
                        " ",
                        alert.labels().getOrDefault("alertname", "alert"),
                        "service=" + alert.labels().getOrDefault("service", ""),
                        "severity=" + alert.labels().getOrDefault("severity", ""),
                        alert.isFiring() ? "firing" : "resolved",
                        summary)
                .strip();
    }

    /**
     * A past incident retrieved as similar.
     *
     * @param incidentId its id
     * @param score similarity, higher is closer
     * @param resolution how it was resolved, already redacted; may be empty
     */
    public record SimilarIncident(String incidentId, double score, String resolution) {
        public SimilarIncident {
            Objects.requireNonNull(incidentId, "incidentId");
            resolution = resolution == null ? "" : resolution;
        }
    }

    /**
     * A retrieved runbook chunk.
     *
     * @param id its id in the runbook store (a file path and section, for example)
     * @param score similarity, higher is closer
     * @param text the chunk, already redacted
     */
    public record RunbookChunk(String id, double score, String text) {
        public RunbookChunk {
            Objects.requireNonNull(id, "id");
            text = text == null ? "" : text;
        }
    }
}
