/**
 * Summary models: the {@link io.kubemate.rag.model.SummaryModel} port, the versioned prompt, the grounding check, the
 * Ollama and OpenAI-compatible adapters (langchain4j, structured output by JSON schema) and the extractive model that
 * needs no LLM and is the fallback whenever an LLM is unavailable or its reply is not grounded in the request.
 */
package io.kubemate.rag.model;
