/**
 * The vector memory port and its stores: {@link io.kubemate.rag.store.LuceneVectorStore} (HNSW in a local Lucene
 * index, embedded) and Milvus in production. Every store passes the same {@code VectorStoreContract} test suite.
 */
package io.kubemate.rag.store;
