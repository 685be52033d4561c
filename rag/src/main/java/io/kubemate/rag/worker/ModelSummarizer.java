package io.kubemate.rag.worker;

import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.evidence.ProbableOrigin;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.rca.IncidentSummary;
import io.kubemate.core.rca.RcaRequest;
import io.kubemate.rag.memory.IncidentMemory;
import io.kubemate.rag.memory.Retrieval;
import io.kubemate.rag.memory.Runbooks;
import io.kubemate.rag.model.Summary;
import io.kubemate.rag.model.SummaryModel;
import io.kubemate.rag.model.SummaryRequest;
import io.kubemate.rag.model.SummaryRequest.RunbookChunk;
import io.kubemate.rag.model.SummaryRequest.SimilarIncident;
import io.kubemate.rag.track.Grounding;
import io.kubemate.rag.track.ModelTracker;
import io.kubemate.rag.track.SummaryKind;
import io.kubemate.rag.track.SummaryRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Summarizer} over a {@link SummaryModel}: redacts every text of the incident and its evidence with {@code
 * redact} (alert labels and annotations, evidence titles, lines and attributes, origin reasons) before the model sees
 * any of it, asks the model (which falls back to an extractive summary by itself), and turns its {@link Summary} into
 * the wire {@link IncidentSummary}.
 */
public final class ModelSummarizer implements Summarizer {
    private static final Logger LOG = LoggerFactory.getLogger(ModelSummarizer.class);
    private static final int MAX_EXCERPT_CHARS = 400;

    private final SummaryModel model;
    private final Supplier<UnaryOperator<String>> redactors;
    private final String embeddingModel;
    private final ModelTracker tracker;
    private final IncidentMemory memory;
    private final Runbooks runbooks;

    /**
     * @param redact applied to every text before it is put into the prompt
     * @param embeddingModel the embedding model retrieval uses (tracked with the summary); empty without retrieval
     */
    public ModelSummarizer(SummaryModel model, UnaryOperator<String> redact, String embeddingModel) {
        this(model, redact, embeddingModel, null);
    }

    /** The same, recording every summary (model, digest, prompt version, latency, tokens, grounding) in {@code tracker}. */
    public ModelSummarizer(
            SummaryModel model, UnaryOperator<String> redact, String embeddingModel, ModelTracker tracker) {
        this(model, () -> redact, null, null, embeddingModel, tracker);
    }

    /**
     * The same, with similar past incidents and runbook chunks from {@code memory} (whose own text is redacted when
     * stored) in every request ({@code null} for none), the pages the alerts' {@code runbook_url}s name fetched into
     * {@code runbooks} first (when their hosts are allowed; {@code null} for none), and a fresh redactor from {@code redactors} for each summary,
     * so pseudonyms ({@code <secret:1>}) are consistent within one incident's prompt.
     */
    public ModelSummarizer(
            SummaryModel model,
            Supplier<UnaryOperator<String>> redactors,
            IncidentMemory memory,
            Runbooks runbooks,
            String embeddingModel,
            ModelTracker tracker) {
        this.model = model;
        this.redactors = redactors;
        this.memory = memory;
        this.runbooks = runbooks;
        this.embeddingModel = embeddingModel == null ? "" : embeddingModel;
        this.tracker = tracker;
    }

    @Override
    public IncidentSummary summarize(Incident incident, Optional<IncidentEvidence> evidence, RcaRequest request) {
        IncidentEvidence found =
                evidence.orElse(IncidentEvidence.empty(incident.id().value(), request.requestedAt()));
        UnaryOperator<String> redact = redactors.get();
        Optional<Retrieval> retrieval = retrieve(incident, evidence);
        List<SimilarIncident> similar = retrieval
                .map(r -> r.incidents().stream()
                        .map(match -> new SimilarIncident(
                                match.incidentId(), match.score(), redact.apply(match.resolution())))
                        .toList())
                .orElse(List.of());
        List<RunbookChunk> runbooks = retrieval
                .map(r -> r.runbooks().stream()
                        .map(chunk -> new RunbookChunk(chunk.id(), chunk.score(), redact.apply(chunk.text())))
                        .toList())
                .orElse(List.of());
        SummaryRequest summaryRequest = SummaryRequest.of(
                redacted(incident, redact), redacted(found, redact), similar, runbooks, embeddingModel);
        Summary summary = model.summarize(summaryRequest);
        track(summary, request, similar);
        return toWire(
                summary,
                request,
                similar,
                runbooks,
                retrieval.map(Retrieval::isNew).orElse(false));
    }

    /** What memory holds like this incident; empty without memory or when it fails (a summary still gets made). */
    private Optional<Retrieval> retrieve(Incident incident, Optional<IncidentEvidence> evidence) {
        if (memory == null) {
            return Optional.empty();
        }
        try {
            if (runbooks != null) {
                runbooks.indexLinked(incident);
            }
            return Optional.of(memory.similar(incident, evidence));
        } catch (RuntimeException e) {
            LOG.warn("retrieval for {} failed, summarising without memory: {}", incident.id(), e.toString());
            return Optional.empty();
        }
    }

    /** Records the summary; a tracker that fails costs the record, never the summary. */
    private void track(Summary summary, RcaRequest request, List<SimilarIncident> similar) {
        if (tracker == null) {
            return;
        }
        try {
            tracker.record(new SummaryRun(
                    request.incidentId(),
                    summaryId(request),
                    summary.model().name().isBlank()
                            ? "extractive"
                            : summary.model().name(),
                    summary.model().digest(),
                    summary.model().promptVersion(),
                    summary.model().embeddingModel(),
                    similar.stream().map(SimilarIncident::score).toList(),
                    summary.latency() == null ? 0 : summary.latency().toMillis(),
                    summary.tokens() == null ? 0 : summary.tokens().input(),
                    summary.tokens() == null ? 0 : summary.tokens().output(),
                    switch (summary.grounding()) {
                        case PASSED -> Grounding.GROUNDED;
                        case PASSED_ON_RETRY -> Grounding.RETRIED;
                        case REJECTED, NOT_CHECKED -> Grounding.FALLBACK;
                    },
                    summary.fallbackReason(),
                    summary.kind() == Summary.Kind.LLM ? SummaryKind.LLM : SummaryKind.EXTRACTIVE,
                    summary.createdAt()));
        } catch (RuntimeException e) {
            LOG.warn("tracking the summary of {} failed: {}", request.incidentId(), e.toString());
        }
    }

    /** The id feedback refers to: the incident and the request it answered. */
    public static String summaryId(RcaRequest request) {
        return IncidentSummary.summaryId(request.incidentId(), request.sequence());
    }

    private static Incident redacted(Incident incident, UnaryOperator<String> redact) {
        List<IncidentAlert> alerts = incident.alerts().stream()
                .map(alert -> new IncidentAlert(
                        alert.fingerprint(),
                        alert.status(),
                        redacted(alert.labels(), redact),
                        redacted(alert.annotations(), redact),
                        alert.startsAt(),
                        alert.endsAt(),
                        redact.apply(alert.generatorUrl() == null ? "" : alert.generatorUrl()),
                        alert.flapCount(),
                        alert.updatedAt()))
                .toList();
        return new Incident(
                incident.id(),
                incident.version(),
                incident.status(),
                redact.apply(incident.title()),
                incident.severity(),
                incident.scope(),
                incident.scopeKey(),
                incident.services(),
                incident.alertCount(),
                incident.firingCount(),
                incident.openedAt(),
                incident.updatedAt(),
                incident.resolvedAt(),
                alerts,
                incident.timeline(),
                incident.timelineOmitted());
    }

    private static IncidentEvidence redacted(IncidentEvidence evidence, UnaryOperator<String> redact) {
        List<EvidenceItem> items = evidence.items().stream()
                .map(item -> new EvidenceItem(
                        item.id(),
                        item.key(),
                        item.kind(),
                        item.source(),
                        item.service(),
                        item.from(),
                        item.to(),
                        redact.apply(item.title()),
                        item.lines().stream().map(redact).toList(),
                        redacted(item.attributes(), redact)))
                .toList();
        List<ProbableOrigin> origins = evidence.probableOrigin().stream()
                .map(origin -> new ProbableOrigin(
                        origin.service(),
                        origin.score(),
                        origin.reasons().stream().map(redact).toList()))
                .toList();
        return new IncidentEvidence(evidence.incidentId(), evidence.version(), evidence.updatedAt(), items, origins);
    }

    private static Map<String, String> redacted(Map<String, String> values, UnaryOperator<String> redact) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((key, value) -> out.put(key, redact.apply(value)));
        return out;
    }

    static IncidentSummary toWire(
            Summary summary,
            RcaRequest request,
            List<SimilarIncident> retrieved,
            List<RunbookChunk> chunks,
            boolean noCloseMatch) {
        // numbered as the prompt numbers them (PromptBuilder): S1, S2, ... and R1, R2, ...
        List<IncidentSummary.Similar> similar = new ArrayList<>();
        for (int i = 0; i < retrieved.size(); i++) {
            SimilarIncident match = retrieved.get(i);
            similar.add(
                    new IncidentSummary.Similar("S" + (i + 1), match.incidentId(), match.score(), match.resolution()));
        }
        List<IncidentSummary.Runbook> runbooks = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            RunbookChunk chunk = chunks.get(i);
            String text = chunk.text();
            runbooks.add(new IncidentSummary.Runbook(
                    "R" + (i + 1),
                    chunk.id(),
                    chunk.score(),
                    text.length() <= MAX_EXCERPT_CHARS ? text : text.substring(0, MAX_EXCERPT_CHARS) + "…"));
        }
        String note = summary.kind() == Summary.Kind.EXTRACTIVE
                        && summary.fallbackReason().isEmpty()
                ? "built from the evidence and origin ranking without a model"
                : summary.fallbackReason();
        return new IncidentSummary(
                request.incidentId(),
                request.sequence(),
                summary.kind().wire(),
                summary.text(),
                new IncidentSummary.RootCause(
                        summary.probableRootCause().service(),
                        summary.probableRootCause().reason()),
                summary.confidence(),
                summary.citations(),
                summary.nextSteps(),
                similar,
                runbooks,
                noCloseMatch,
                new IncidentSummary.ModelInfo(
                        summary.model().name(),
                        summary.model().digest(),
                        summary.model().promptVersion(),
                        summary.model().embeddingModel()),
                summary.isGrounded(),
                note,
                summary.createdAt());
    }
}
