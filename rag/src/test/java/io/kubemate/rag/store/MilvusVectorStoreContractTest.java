package io.kubemate.rag.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemate.core.error.KubemateException;
import io.kubemate.core.error.UnavailableException;
import io.milvus.grpc.CreateIndexRequest;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link MilvusVectorStore} against {@link FakeMilvusServer}: the shared store cases, plus what the adapter must send
 * to Milvus (schema, HNSW/COSINE index, escaped expressions, credentials).
 */
class MilvusVectorStoreContractTest extends VectorStoreCases {
    private static final String COLLECTION = "kubemate_test";
    private static final String TOKEN = "root:Milvus";

    private FakeMilvusServer milvus;

    @BeforeEach
    @Override
    void openStore() throws Exception {
        milvus = new FakeMilvusServer();
        super.openStore();
    }

    @AfterEach
    void stopMilvus() throws InterruptedException {
        try {
            assertThat(milvus.violations()).as("what the fake Milvus refused").isEmpty();
        } finally {
            milvus.close();
        }
    }

    private MilvusSettings settings(int dimension) {
        return new MilvusSettings(
                milvus.uri(),
                TOKEN,
                COLLECTION,
                dimension,
                // deadlines, not waits: generous because the first connect also loads Netty on a busy box
                Duration.ofSeconds(15),
                Duration.ofSeconds(15),
                Duration.ofSeconds(15));
    }

    @Override
    protected VectorStore openFresh() {
        return new MilvusVectorStore(settings(DIM));
    }

    @Override
    protected VectorStore reopen() {
        return new MilvusVectorStore(settings(DIM));
    }

    @Test
    void createsTheCollectionWithItsSchemaAndAnHnswCosineIndexThenLoadsIt() {
        FakeMilvusCollection created = milvus.collections.get(COLLECTION);

        assertThat(created).isNotNull();
        assertThat(created.dimension()).isEqualTo(DIM);
        assertThat(created.isLoaded()).isTrue();
        CreateIndexRequest index = created.index();
        assertThat(FakeMilvusServer.param(index.getExtraParamsList(), "metric_type"))
                .isEqualTo("COSINE");
        assertThat(FakeMilvusServer.param(index.getExtraParamsList(), "index_type"))
                .isEqualTo("HNSW");
        assertThat(milvus.calls)
                .containsSubsequence("Connect", "HasCollection", "CreateCollection", "CreateIndex", "LoadCollection");
    }

    @Test
    void reopeningAnExistingCollectionNeitherRecreatesNorReindexesIt() {
        store.close();
        int before = milvus.indexRequests.size();

        store = reopen();

        assertThat(milvus.indexRequests).hasSize(before);
        assertThat(milvus.calls.stream().filter("CreateCollection"::equals)).hasSize(1);
    }

    @Test
    void refusesAnExistingCollectionOfAnotherDimension() {
        assertThatThrownBy(() -> new MilvusVectorStore(settings(DIM * 2)))
                .isInstanceOf(KubemateException.class)
                .hasMessageContaining("dimension");
    }

    @Test
    void sendsTheTokenOnEveryCall() {
        String expected = Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));

        assertThat(milvus.authorizations).isNotEmpty().allMatch(expected::equals);
    }

    @Test
    void joinsFilterClausesWithAndAndEscapesValues() {
        milvus.expressions.clear();

        store.search(unit(0, 0), 3, Map.of("service", "pay\"x", "kind", "incident"));
        store.delete(List.of("a\\b"));

        assertThat(milvus.expressions)
                .containsExactly(
                        "metadata[\"kind\"] == \"incident\" && metadata[\"service\"] == \"pay\\\"x\"",
                        "id in [\"a\\\\b\"]");
    }

    @Test
    void searchesWithStrongConsistencyAndEfAtLeastK() {
        store.search(unit(0, 0), 100, Map.of());

        var request = milvus.searchRequests.get(milvus.searchRequests.size() - 1);
        assertThat(request.getConsistencyLevel()).isEqualTo(io.milvus.grpc.ConsistencyLevel.Strong);
        assertThat(FakeMilvusServer.param(request.getSearchParamsList(), "params"))
                .contains("\"ef\":100");
    }

    @Test
    void anUnreachableMilvusIsUnavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        MilvusSettings dead = new MilvusSettings(
                "http://127.0.0.1:" + port,
                "",
                COLLECTION,
                DIM,
                Duration.ofMillis(300),
                Duration.ofMillis(500),
                Duration.ofMillis(500));

        assertThatThrownBy(() -> new MilvusVectorStore(dead)).isInstanceOf(UnavailableException.class);
    }
}
