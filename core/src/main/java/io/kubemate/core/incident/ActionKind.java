package io.kubemate.core.incident;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a person (or tool) asks to do to an incident. */
public enum ActionKind {
    @JsonProperty("acknowledge")
    ACKNOWLEDGE,
    @JsonProperty("resolve")
    RESOLVE,
    @JsonProperty("reopen")
    REOPEN,
    /** Adds a resolution note (how it was fixed) without changing the status; it is what the incident memory embeds. */
    @JsonProperty("note")
    NOTE,
    /** A free comment on the timeline (not a resolution note: the memory does not embed it); never changes status. */
    @JsonProperty("comment")
    COMMENT,
    /**
     * Someone says the grouping is wrong (these alerts should not be together, or belong with another incident); the
     * note says what. Recorded on the timeline for people and for tuning correlation; it changes nothing by itself.
     */
    @JsonProperty("grouping_feedback")
    GROUPING_FEEDBACK,
    /**
     * Moves every alert of {@link IncidentAction#otherIncidentId()} into the incident acted on and closes the other
     * one as merged into it. Both must have the same {@link Incident#scopeKey()} (the same correlation partition).
     */
    @JsonProperty("merge")
    MERGE,
    /** Moves the alerts {@link IncidentAction#fingerprints()} out of the incident acted on into a new incident. */
    @JsonProperty("split")
    SPLIT
}
