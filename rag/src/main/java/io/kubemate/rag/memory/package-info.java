/**
 * The memory of resolved incidents and runbooks: what an incident is embedded as ({@link
 * io.kubemate.rag.memory.IncidentText}), remembering resolved incidents with their resolution notes and retrieving
 * the most similar ones ({@link io.kubemate.rag.memory.IncidentMemory}), and runbooks from a directory and from the
 * alerts' {@code runbook_url} annotations, chunked and re-indexed on change ({@link io.kubemate.rag.memory.Runbooks}).
 * Everything is stored in one {@link io.kubemate.rag.store.VectorStore}, told apart by the {@code kind} metadata.
 */
package io.kubemate.rag.memory;
