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
class MilvusVectorStoreIT extends VectorStoreCases {
    @Container
    static final MilvusContainer MILVUS =
            new MilvusContainer(System.getProperty("kubemate.it.milvusImage", "milvusdb/milvus:v2.6.0"));

    private static final AtomicInteger COLLECTIONS = new AtomicInteger();

    private String collection;

    private VectorStore open() {
        return new MilvusVectorStore(new MilvusSettings(
                MILVUS.getEndpoint(),
                "root:Milvus",
                collection,
                DIM,
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                Duration.ofSeconds(120)));
    }

    @Override
    protected VectorStore openFresh() {
        collection = "it_" + ProcessHandle.current().pid() + "_" + COLLECTIONS.incrementAndGet();
        return open();
    }

    @Override
    protected VectorStore reopen() {
        return open();
    }
}
