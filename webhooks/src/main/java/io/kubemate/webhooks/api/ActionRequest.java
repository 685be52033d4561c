package io.kubemate.webhooks.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The optional body of acknowledge and resolve: who acts and why. Both fields may be missing. */
@JsonIgnoreProperties(ignoreUnknown = true)
record ActionRequest(String actor, String note) {
    static final ActionRequest EMPTY = new ActionRequest(null, null);
}
