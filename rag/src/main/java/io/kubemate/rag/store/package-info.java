/** The vector memory port and its stores: Lucene HNSW embedded, Milvus in production. */
package io.kubemate.rag.store;
