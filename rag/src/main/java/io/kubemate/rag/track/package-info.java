/**
 * Model tracking: which model, digest and prompt version wrote each summary, how it went (latency, tokens, retrieval
 * scores, grounding) and whether operators found it helpful. {@link io.kubemate.rag.track.ModelTracker} is the port;
 * {@link io.kubemate.rag.track.LocalModelTracker} keeps it in the data directory, {@link
 * io.kubemate.rag.track.MlflowModelTracker} also sends it to an MLflow tracking server.
 */
package io.kubemate.rag.track;
