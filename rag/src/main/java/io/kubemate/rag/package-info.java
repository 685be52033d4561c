/**
 * Root-cause summaries by retrieval-augmented generation (issue 4): redaction before anything leaves the process,
 * in-process embeddings, a vector memory of past incidents and runbooks behind {@link
 * io.kubemate.rag.store.VectorStore}, summary models (Ollama, OpenAI-compatible, extractive) with a grounding check,
 * and model tracking. Everything here runs on worker threads beside the streams, never on a stream thread.
 */
package io.kubemate.rag;
