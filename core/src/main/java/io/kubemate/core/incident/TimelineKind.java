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
    GROUPING_FEEDBACK
}
