/**
 * The RAG benchmark behind {@code kubemate bench rag}: embedding throughput on incident-like texts and Lucene top-10
 * search latency and recall against exact search, with indexing rate and reopen time.
 */
package io.kubemate.rag.bench;
