package io.kubemate.rag.model;

import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.EvidenceKind;
import io.kubemate.core.evidence.ProbableOrigin;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A valid summary request (payments-api failing after a bad deploy of checkout) and its builder. */
final class Requests {
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    static final String INCIDENT = "inc-0123456789abcdef";
    static final String SIMILAR = "inc-fedcba9876543210";

    private final List<EvidenceItem> evidence = new ArrayList<>(defaultEvidence());
    private List<ProbableOrigin> origins = List.of(
            new ProbableOrigin(
                    "checkout",
                    6.0,
                    List.of(
                            "origin of 14 of 15 erroring traces (E3)",
                            "deploy checkout v2.3.1 4 min before its first alert (E5)")),
            new ProbableOrigin("payments-api", 2.0, List.of("first to alert (HighErrorRate)")));
    private List<SummaryRequest.SimilarIncident> similar =
            List.of(new SummaryRequest.SimilarIncident(SIMILAR, 0.83, "rolled back checkout to v2.2.9"));
    private List<SummaryRequest.RunbookChunk> runbooks = List.of(new SummaryRequest.RunbookChunk(
            "runbooks/checkout.md#rollback", 0.77, "kubectl rollout undo deploy/checkout"));

    static Requests request() {
        return new Requests();
    }

    static EvidenceItem item(String id, EvidenceKind kind, String service, String title, List<String> lines) {
        return new EvidenceItem(
                id,
                kind.wire() + "/" + service + "/" + id,
                kind,
                "test",
                service,
                T0,
                T0.plusSeconds(60),
                title,
                lines,
                Map.of());
    }

    private static List<EvidenceItem> defaultEvidence() {
        return List.of(
                item(
                        "E1",
                        EvidenceKind.LOG_TEMPLATE,
                        "payments-api",
                        "upstream checkout returned 503 (412 lines)",
                        List.of("POST /pay -> checkout 503 Service Unavailable")),
                item(
                        "E2",
                        EvidenceKind.METRIC,
                        "payments-api",
                        "http 5xx ratio 0.42",
                        List.of("10:01 0.40", "10:02 0.42")),
                item(
                        "E3",
                        EvidenceKind.TRACE_PATH,
                        "checkout",
                        "frontend -> payments-api -> checkout (error)",
                        List.of("checkout: NullPointerException in PriceService")),
                item(
                        "E4",
                        EvidenceKind.LOG_TEMPLATE,
                        "checkout",
                        "java.lang.NullPointerException at PriceService.total",
                        List.of("at PriceService.total(PriceService.java:88)")),
                item("E5", EvidenceKind.CHANGE, "checkout", "deploy checkout v2.3.1", List.of("image checkout:2.3.1")));
    }

    Requests evidence(EvidenceItem item) {
        evidence.add(item);
        return this;
    }

    Requests noEvidence() {
        evidence.clear();
        return this;
    }

    Requests origins(List<ProbableOrigin> newOrigins) {
        origins = newOrigins;
        return this;
    }

    Requests nothingRetrieved() {
        similar = List.of();
        runbooks = List.of();
        return this;
    }

    Requests runbooks(List<SummaryRequest.RunbookChunk> chunks) {
        runbooks = chunks;
        return this;
    }

    SummaryRequest build() {
        return new SummaryRequest(
                INCIDENT,
                "payments-api error rate high",
                List.of("checkout", "payments-api"),
                "HighErrorRate service=payments-api severity=critical firing 5xx above 40%",
                evidence,
                origins,
                similar,
                runbooks,
                "all-minilm-l6-v2-q");
    }

    /** A reply that passes the grounding check for {@link #build()}. */
    static String groundedReply() {
        return """
                {"summary": "checkout v2.3.1 [E5] throws NullPointerException [E4] on the payment path [E3].",
                 "probableRootCause": {"service": "checkout", "reason": "bad deploy [E5]"},
                 "confidence": 0.8,
                 "citations": ["E3", "E4", "E5"],
                 "nextSteps": ["Roll back checkout [E5] as before [S1] using [R1]."],
                 "similarIncidentIds": ["inc-fedcba9876543210"]}
                """;
    }
}
