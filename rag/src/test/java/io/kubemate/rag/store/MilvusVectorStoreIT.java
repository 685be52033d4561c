package io.kubemate.rag.store;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.milvus.MilvusContainer;

/**
 * The store cases against a real Milvus (standalone, embedded etcd) in Docker; skipped where there is no Docker. The
 * image can be overridden with {@code -Dkubemate.it.milvusImage=milvusdb/milvus:vX.Y.Z}.
 */
@Testcontainers(disabledWithoutDocker = true)
class MilvusVectorStoreIT extends VectorStoreContract {
    @Container
    static final MilvusContainer MILVUS =
            new MilvusContainer(System.getProperty("kubemate.it.milvusImage", "milvusdb/milvus:v2.6.0"));

    private static final AtomicInteger COLLECTIONS = new AtomicInteger();

    private static VectorStore open(String collection, int dimension) {
        return new MilvusVectorStore(new MilvusSettings(
                MILVUS.getEndpoint(),
                "root:Milvus",
                collection,
                dimension,
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                Duration.ofSeconds(120)));
    }

    @Override
    protected VectorStore open(int dimension) {
        return open("it_" + ProcessHandle.current().pid() + "_" + COLLECTIONS.incrementAndGet(), dimension);
    }

    @Override
    protected VectorStore reopen(VectorStore closed, int dimension) {
        return open(((MilvusVectorStore) closed).settings().collection(), dimension);
    }
}
