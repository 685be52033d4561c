package io.kubemate.core.alert;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What changed for one alert, as the lifecycle topology sees it. */
public enum TransitionKind {
    /** First seen, firing. */
    @JsonProperty("fired")
    FIRED,
    /** Was firing, now resolved. */
    @JsonProperty("resolved")
    RESOLVED,
    /** Was resolved, fires again (or a new firing episode with a new {@code startsAt}). */
    @JsonProperty("refired")
    REFIRED,
    /** Same status, but labels or annotations changed. */
    @JsonProperty("changed")
    CHANGED
}
