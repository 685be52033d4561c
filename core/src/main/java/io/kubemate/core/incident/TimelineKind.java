package io.kubemate.core.incident;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kinds of entries in an incident's timeline. */
public enum TimelineKind {
    @JsonProperty("opened")
    OPENED,
    @JsonProperty("alert_added")
    ALERT_ADDED,
    @JsonProperty("alert_resolved")
    ALERT_RESOLVED,
    @JsonProperty("alert_refired")
    ALERT_REFIRED,
    @JsonProperty("alert_changed")
    ALERT_CHANGED,
    @JsonProperty("acknowledged")
    ACKNOWLEDGED,
    @JsonProperty("resolved")
    RESOLVED,
    @JsonProperty("reopened")
    REOPENED,
    @JsonProperty("resolution_note")
    RESOLUTION_NOTE,
    @JsonProperty("comment")
    COMMENT,
    @JsonProperty("grouping_feedback")
    GROUPING_FEEDBACK,
    /** Another incident was merged into this one: its alerts moved here. */
    @JsonProperty("merged")
    MERGED,
    /** This incident was merged into another ({@link Incident#mergedInto()}) and closed. */
    @JsonProperty("merged_into")
    MERGED_INTO,
    /** Some alerts were split off this incident into a new one. */
    @JsonProperty("split")
    SPLIT,
    /** This incident was opened by splitting alerts off another one. */
    @JsonProperty("split_from")
    SPLIT_FROM
}
