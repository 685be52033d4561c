package io.kubemate.rag.track;

/** What wrote a summary. */
public enum SummaryKind {
    /** A language model (Ollama, an OpenAI-compatible server). */
    LLM,
    /** The extractive summarizer: evidence lines picked and ordered, no model. */
    EXTRACTIVE
}
