package io.kubemate.rag.model;

/**
 * Told of every text an LLM summary model is about to send, exactly as sent (every message of the conversation,
 * the retry included), for the redaction audit. Called on the summarising thread; must not throw or block long.
 */
@FunctionalInterface
public interface PromptListener {
    /** Nobody listens. */
    PromptListener NONE = (incidentId, destination, text) -> {};

    /**
     * @param incidentId the incident being summarised
     * @param destination where it goes: {@code prompt:<model>}
     * @param text the messages, in order, each after a {@code [role]} line
     */
    void sent(String incidentId, String destination, String text);
}
