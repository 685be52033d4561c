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
    NOTE
}
