package io.kubemate.rag.model;

import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.EvidenceKind;
import io.kubemate.core.evidence.ProbableOrigin;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A summary without an LLM, assembled from the origin ranking and the evidence: the root cause is the top origin, the
 * text repeats its reasons (which name their evidence ids), the citations are the ids it used, the next steps follow
 * from the kinds of evidence about that service, and the confidence grows with the gap between the top two origin
 * scores (never above {@link #MAX_CONFIDENCE}). Deterministic: the same request gives the same summary. Its text says
 * that no model wrote it.
 */
public final class ExtractiveSummaryModel implements SummaryModel {
    /** The name this model is tracked under. */
    public static final String NAME = "extractive";

    /** An extractive summary is never more confident than this. */
    public static final double MAX_CONFIDENCE = 0.8;

    static final String DISCLAIMER = "Assembled from the evidence and the origin ranking, not written by a model.";

    private static final Pattern EVIDENCE_ID = Pattern.compile("\\bE\\d+\\b");
    private static final int MAX_SIMILAR = 3;
    private static final int MAX_STEPS = 5;

    private final Clock clock;

    public ExtractiveSummaryModel(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Summary summarize(SummaryRequest request) {
        List<ProbableOrigin> origins = request.probableOrigin();
        String service = rootService(request);
        Map<String, EvidenceItem> byId = request.evidence().stream()
                .filter(item -> !item.id().isEmpty())
                .collect(Collectors.toMap(EvidenceItem::id, Function.identity(), (a, b) -> a));
        List<String> reasons = origins.isEmpty() ? List.of() : origins.get(0).reasons();
        Set<String> citations = new LinkedHashSet<>();
        reasons.forEach(reason -> EVIDENCE_ID
                .matcher(reason)
                .results()
                .map(MatchResult::group)
                .filter(byId::containsKey)
                .forEach(citations::add));
        if (citations.isEmpty()) {
            request.evidence().stream()
                    .filter(item -> item.service().equals(service) && !item.id().isEmpty())
                    .limit(3)
                    .forEach(item -> citations.add(item.id()));
        }
        List<String> steps = nextSteps(request, service, citations);
        List<String> similar = request.similar().stream()
                .limit(MAX_SIMILAR)
                .map(SummaryRequest.SimilarIncident::incidentId)
                .toList();
        String reason = reasons.isEmpty() ? "no origin ranking is available" : String.join("; ", reasons);
        return new Summary(
                Summary.Kind.EXTRACTIVE,
                text(request, service, reason, citations),
                new Summary.RootCause(service, reason),
                confidence(origins),
                List.copyOf(citations),
                steps,
                similar,
                new Summary.ModelInfo(NAME, "", "", request.embeddingModel()),
                Summary.GroundingOutcome.NOT_CHECKED,
                "",
                null,
                Summary.TokenCounts.NONE,
                clock.instant());
    }

    static String rootService(SummaryRequest request) {
        if (!request.probableOrigin().isEmpty()) {
            return request.probableOrigin().get(0).service();
        }
        return request.services().isEmpty()
                ? Grounding.UNKNOWN_SERVICE
                : request.services().get(0);
    }

    static double confidence(List<ProbableOrigin> origins) {
        if (origins.isEmpty()) {
            return 0.1;
        }
        double top = origins.get(0).score();
        double second = origins.size() > 1 ? origins.get(1).score() : 0;
        double gap = top <= 0 ? 0 : Math.max(0, Math.min(1, (top - second) / top));
        return Math.round((0.2 + (MAX_CONFIDENCE - 0.2) * gap) * 100) / 100.0;
    }

    private static String text(SummaryRequest request, String service, String reason, Set<String> citations) {
        StringBuilder text = new StringBuilder(DISCLAIMER).append(' ');
        if (request.probableOrigin().isEmpty()) {
            text.append("No origin ranking is available; the incident names ")
                    .append(request.services().isEmpty() ? "no service" : String.join(", ", request.services()))
                    .append('.');
        } else {
            text.append("Most likely origin: ")
                    .append(service)
                    .append(" (")
                    .append(reason)
                    .append(").");
        }
        if (request.probableOrigin().size() > 1) {
            ProbableOrigin next = request.probableOrigin().get(1);
            text.append(String.format(Locale.ROOT, " Next candidate: %s (score %.2f).", next.service(), next.score()));
        }
        if (!citations.isEmpty()) {
            text.append(" Evidence: ")
                    .append(citations.stream().map(id -> "[" + id + "]").collect(Collectors.joining(" ")))
                    .append('.');
        }
        return text.toString();
    }

    private static List<String> nextSteps(SummaryRequest request, String service, Set<String> citations) {
        List<String> steps = new ArrayList<>();
        Stream.of(
                        EvidenceKind.CHANGE,
                        EvidenceKind.LOG_TEMPLATE,
                        EvidenceKind.TRACE_PATH,
                        EvidenceKind.SPAN,
                        EvidenceKind.METRIC)
                .forEach(kind -> request.evidence().stream()
                        .filter(item -> item.kind() == kind && item.service().equals(service))
                        .filter(item -> !item.id().isEmpty())
                        .findFirst()
                        .ifPresent(item -> {
                            steps.add(step(item));
                            citations.add(item.id());
                        }));
        if (!request.runbooks().isEmpty()) {
            steps.add("Follow the runbook chunk [R1] ("
                    + request.runbooks().get(0).id() + ").");
            citations.add("R1");
        }
        if (!request.similar().isEmpty()) {
            steps.add("Compare with the similar incident "
                    + request.similar().get(0).incidentId() + " [S1] and how it was resolved.");
            citations.add("S1");
        }
        return steps.stream().limit(MAX_STEPS).toList();
    }

    private static String step(EvidenceItem item) {
        String ref = " [" + item.id() + "]: " + item.title();
        return switch (item.kind()) {
            case CHANGE -> "Check the change" + ref + "; roll it back if it matches the start of the incident.";
            case LOG_TEMPLATE -> "Read the log template" + ref + ".";
            case TRACE_PATH -> "Follow the failing trace path" + ref + ".";
            case SPAN -> "Inspect the failing span" + ref + ".";
            case METRIC -> "Watch the metric" + ref + ".";
        };
    }
}
