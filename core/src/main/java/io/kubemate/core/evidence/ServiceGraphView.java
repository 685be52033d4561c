package io.kubemate.core.evidence;

import java.util.List;

/** Read side of the service graph, as the API and correlation see it. */
public interface ServiceGraphView {
    /** Every edge currently known, ordered by caller then callee. */
    List<ServiceEdge> edges();
}
