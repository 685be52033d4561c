package io.kubemate.rag.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemate.core.error.KubemateException;
import io.kubemate.core.error.UnavailableException;
import io.milvus.grpc.ConsistencyLevel;
import io.milvus.grpc.CreateIndexRequest;
import io.milvus.grpc.SearchRequest;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link MilvusVectorStore} against {@link FakeMilvusServer}: the shared {@link VectorStoreContract}, plus what the
 * adapter must send to Milvus (schema, HNSW/COSINE index, escaped expressions, credentials, strong reads).
 */
class MilvusVectorStoreContractTest extends VectorStoreContract {
    private static final String TOKEN = "root:Milvus";
    private static final AtomicInteger COLLECTIONS = new AtomicInteger();

    private FakeMilvusServer milvus;

    @BeforeEach
    void startMilvus() throws Exception {
        milvus = new FakeMilvusServer();
    }

    @AfterEach
    void stopMilvus() {
        try {
            assertThat(milvus.violations()).as("what the fake Milvus refused").isEmpty();
        } finally {
            milvus.close();
        }
    }

    private MilvusSettings settings(String collection, int dimension) {
        return new MilvusSettings(
                milvus.uri(),
                TOKEN,
                collection,
                dimension,
                // deadlines, not waits: generous because the first connect also loads Netty on a busy box
                Duration.ofSeconds(15),
                Duration.ofSeconds(15),
                Duration.ofSeconds(15));
    }

    @Override
    protected VectorStore open(int dimension) {
        return new MilvusVectorStore(settings("contract_" + COLLECTIONS.incrementAndGet(), dimension));
    }

    @Override
    protected VectorStore reopen(VectorStore closed, int dimension) {
        return new MilvusVectorStore(
                settings(((MilvusVectorStore) closed).settings().collection(), dimension));
    }

    private FakeMilvusCollection only() {
        assertThat(milvus.collections).hasSize(1);
        return milvus.collections.values().iterator().next();
    }

    @Test
    void createsTheCollectionWithItsSchemaAndAnHnswCosineIndexThenLoadsIt() {
        store();

        FakeMilvusCollection created = only();
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
        VectorStore first = store();
        first.close();
        int indexes = milvus.indexRequests.size();
        long loads = milvus.calls.stream().filter("LoadCollection"::equals).count();

        reopen(first, DIM).close();

        assertThat(milvus.indexRequests).hasSize(indexes);
        assertThat(milvus.calls.stream().filter("CreateCollection"::equals)).hasSize(1);
        assertThat(milvus.calls.stream().filter("LoadCollection"::equals)).hasSize((int) loads + 1);
    }

    @Test
    void refusesAnExistingCollectionOfAnotherDimension() {
        VectorStore first = store();

        assertThatThrownBy(() -> reopen(first, DIM * 2))
                .isInstanceOf(KubemateException.class)
                .hasMessageContaining("dimension");
    }

    @Test
    void sendsTheTokenOnEveryCall() {
        store().count();

        String expected = Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));
        assertThat(milvus.authorizations).isNotEmpty().allMatch(expected::equals);
    }

    @Test
    void joinsFilterClausesWithAndAndEscapesValues() {
        VectorStore store = store();
        milvus.expressions.clear();

        store.search(unit(1, 0, 0, 0), 3, Map.of("service", "pay\"x", "kind", "incident"));
        store.delete(List.of("a\\b"));

        assertThat(milvus.expressions)
                .containsExactly(
                        "metadata[\"kind\"] == \"incident\" && metadata[\"service\"] == \"pay\\\"x\"",
                        "id in [\"a\\\\b\"]");
    }

    @Test
    void filterValuesWithQuotesAndBackslashesMatchLiterally() {
        VectorStore store = store();
        String injection = "pay\" || metadata[\"kind\"] == \"runbook";
        store.upsert(List.of(
                new VectorRecord("tricky", unit(1, 0, 0, 0), "", Map.of("service", injection, "kind", "incident")),
                new VectorRecord("runbook", unit(1, 1, 0, 0), "", Map.of("service", "pay", "kind", "runbook")),
                new VectorRecord("slashes", unit(1, 0, 1, 0), "", Map.of("service", "a\\\"b\n'c'\t"))));

        assertThat(store.search(unit(1, 0, 0, 0), 10, Map.of("service", injection)))
                .extracting(VectorMatch::id)
                .containsExactly("tricky");
        assertThat(store.search(unit(1, 0, 0, 0), 10, Map.of("service", "pay\"")))
                .isEmpty();
        assertThat(store.search(unit(1, 0, 0, 0), 10, Map.of("service", "a\\\"b\n'c'\t")))
                .extracting(VectorMatch::id)
                .containsExactly("slashes");
    }

    @Test
    void idsWithQuotesAreDeletedExactly() {
        VectorStore store = store();
        store.upsert(List.of(record("a\"", unit(1, 0, 0, 0)), record("a", unit(0, 1, 0, 0))));

        store.delete(List.of("a\""));

        assertThat(store.search(unit(1, 0, 0, 0), 10, Map.of()))
                .extracting(VectorMatch::id)
                .containsExactly("a");
    }

    @Test
    void textAndMetadataKeepUnicodeQuotesAndLineBreaks() {
        VectorStore store = store();
        Map<String, String> metadata = Map.of("service", "zahlungs-dienst ✓", "note", "line1\nline2");
        store.upsert(List.of(new VectorRecord("u", unit(0, 1, 0, 0), "über \"quoted\"\n2nd line", metadata)));

        VectorMatch hit = store.search(unit(0, 1, 0, 0), 1, Map.of()).get(0);

        assertThat(hit.text()).isEqualTo("über \"quoted\"\n2nd line");
        assertThat(hit.metadata()).isEqualTo(metadata);
    }

    @Test
    void searchesWithStrongConsistencyAndEfAtLeastK() {
        store().search(unit(1, 0, 0, 0), 100, Map.of());

        SearchRequest request = milvus.searchRequests.get(milvus.searchRequests.size() - 1);
        assertThat(request.getConsistencyLevel()).isEqualTo(ConsistencyLevel.Strong);
        assertThat(FakeMilvusServer.param(request.getSearchParamsList(), "params"))
                .contains("\"ef\":100");
    }

    @Test
    void runsOnTheProjectsProtobufRuntime() {
        // the parent pins protobuf-java 4.x (OTLP); the SDK's messages are protoc 3.25 code (GeneratedMessageV3), so
        // every other case here is also the proof that the two work together over a real gRPC connection
        String jar = com.google.protobuf.Message.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toString();

        assertThat(jar).contains("protobuf-java-4.");
        assertThat(io.milvus.grpc.SearchRequest.class.getSuperclass().getName())
                .isEqualTo("com.google.protobuf.GeneratedMessageV3");
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
                "unreachable",
                DIM,
                Duration.ofMillis(300),
                Duration.ofMillis(500),
                Duration.ofMillis(500));

        assertThatThrownBy(() -> new MilvusVectorStore(dead)).isInstanceOf(UnavailableException.class);
    }
}
