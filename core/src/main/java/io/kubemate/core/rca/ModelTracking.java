package io.kubemate.core.rca;

import java.util.List;

/** Model tracking as the API sees it: what made summaries, and people's ratings of them. */
public interface ModelTracking extends ModelsView, SummaryFeedback {
    /** Nothing tracked, ratings dropped. */
    ModelTracking NONE = new ModelTracking() {
        @Override
        public List<ModelUsage> models() {
            return List.of();
        }

        @Override
        public void feedback(String incidentId, String summaryId, boolean helpful) {}
    };
}
