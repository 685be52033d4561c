package io.kubemate.rag.model;

import java.util.List;

/** A model's reply, parsed by the reply schema and not yet grounded. */
record ModelReply(
        String summary,
        String rootCauseService,
        String rootCauseReason,
        double confidence,
        List<String> citations,
        List<String> nextSteps,
        List<String> similarIncidentIds) {

    ModelReply {
        citations = List.copyOf(citations);
        nextSteps = List.copyOf(nextSteps);
        similarIncidentIds = List.copyOf(similarIncidentIds);
    }
}
