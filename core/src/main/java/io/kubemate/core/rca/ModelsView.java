package io.kubemate.core.rca;

import java.util.List;

/** Read side of model tracking: every model + prompt combination that made summaries. */
@FunctionalInterface
public interface ModelsView {
    /** None. */
    ModelsView NONE = List::of;

    /** The combinations, most recently used first. */
    List<ModelUsage> models();
}
