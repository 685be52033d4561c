package io.kubemate.rag.model;

/**
 * Writes a root-cause summary of one incident. Implementations never throw for an unavailable or misbehaving LLM:
 * they fall back to an extractive summary and say so in {@link Summary#fallbackReason()}. Thread-safe; calls block
 * for at most the configured timeout (twice, when a reply is retried), so call them from a worker thread, never from
 * a stream thread.
 */
public interface SummaryModel {
    /** The summary of {@code request}. */
    Summary summarize(SummaryRequest request);

    /** The name this model is tracked under ({@code ollama:llama3.2:3b}, {@code extractive}, ...). */
    String name();
}
