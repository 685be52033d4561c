package io.kubemate.rag.store;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.kubemate.core.error.KubemateException;
import io.kubemate.core.error.UnavailableException;
import io.milvus.exception.MilvusException;
import io.milvus.shaded.io.grpc.StatusRuntimeException;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.client.RetryConfig;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.exception.ErrorCode;
import io.milvus.v2.exception.MilvusClientException;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import io.milvus.v2.service.vector.request.DeleteReq;
import io.milvus.v2.service.vector.request.QueryReq;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.UpsertReq;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvus.v2.service.vector.response.SearchResp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link VectorStore} on a Milvus collection through the v2 gRPC client. The collection has a VarChar primary key
 * {@code id}, a {@code vector} FloatVector with an HNSW index (M 16, efConstruction 200) on the COSINE metric, a
 * VarChar {@code text} and a JSON {@code metadata} object; it is created when missing and loaded at construction.
 * Reads use strong consistency, so what an upsert wrote is found by the next search or count.
 *
 * <p>Failures reaching Milvus (timeouts, unavailable) throw {@link UnavailableException}; anything else Milvus
 * refuses throws {@link KubemateException}. Thread-safe (the client is).
 */
public final class MilvusVectorStore implements VectorStore {
    static final String ID = "id";
    static final String VECTOR = "vector";
    static final String TEXT = "text";
    static final String METADATA = "metadata";
    static final int ID_MAX_LENGTH = 512;
    static final int TEXT_MAX_LENGTH = 65_535;
    static final int HNSW_M = 16;
    static final int HNSW_EF_CONSTRUCTION = 200;

    private static final int BATCH = 200;
    private static final int MAX_K = 16_384;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final MilvusSettings settings;
    private final MilvusClientV2 client;

    /**
     * Connects, creates the collection when missing and loads it.
     *
     * @throws UnavailableException when Milvus cannot be reached or the load does not finish in time
     * @throws KubemateException when the existing collection has another dimension or layout
     */
    public MilvusVectorStore(MilvusSettings settings) {
        this.settings = settings;
        this.client = call("connect to " + settings.uri(), () -> connect(settings));
        try {
            call("open collection " + settings.collection(), () -> {
                ensureCollection();
                return null;
            });
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private static MilvusClientV2 connect(MilvusSettings s) {
        ConnectConfig.ConnectConfigBuilder config = ConnectConfig.builder()
                .uri(s.uri())
                .connectTimeoutMs(s.connectTimeout().toMillis())
                .rpcDeadlineMs(s.requestTimeout().toMillis());
        if (!s.token().isEmpty()) {
            config.token(s.token());
        }
        MilvusClientV2 c = new MilvusClientV2(config.build());
        // the SDK's default retries 75 times; a caller's deadline matters more than one call's success
        c.retryConfig(RetryConfig.builder()
                .maxRetryTimes(3)
                .maxRetryTimeoutMs(s.requestTimeout().toMillis())
                .build());
        return c;
    }

    private void ensureCollection() {
        String name = settings.collection();
        if (client.hasCollection(HasCollectionReq.builder().collectionName(name).build())) {
            checkLayout();
        } else {
            client.createCollection(CreateCollectionReq.builder()
                    .collectionName(name)
                    .collectionSchema(schema())
                    .indexParams(List.of(hnswIndex()))
                    .consistencyLevel(ConsistencyLevel.STRONG)
                    .build());
        }
        client.loadCollection(LoadCollectionReq.builder()
                .collectionName(name)
                .sync(true)
                .timeout(settings.loadTimeout().toMillis())
                .build());
    }

    private CreateCollectionReq.CollectionSchema schema() {
        CreateCollectionReq.CollectionSchema schema = MilvusClientV2.CreateSchema();
        schema.addField(AddFieldReq.builder()
                .fieldName(ID)
                .dataType(DataType.VarChar)
                .maxLength(ID_MAX_LENGTH)
                .isPrimaryKey(true)
                .autoID(false)
                .build());
        schema.addField(AddFieldReq.builder()
                .fieldName(VECTOR)
                .dataType(DataType.FloatVector)
                .dimension(settings.dimension())
                .build());
        schema.addField(AddFieldReq.builder()
                .fieldName(TEXT)
                .dataType(DataType.VarChar)
                .maxLength(TEXT_MAX_LENGTH)
                .build());
        schema.addField(AddFieldReq.builder()
                .fieldName(METADATA)
                .dataType(DataType.JSON)
                .build());
        return schema;
    }

    private static IndexParam hnswIndex() {
        return IndexParam.builder()
                .fieldName(VECTOR)
                .indexType(IndexParam.IndexType.HNSW)
                .metricType(IndexParam.MetricType.COSINE)
                .extraParams(Map.of("M", HNSW_M, "efConstruction", HNSW_EF_CONSTRUCTION))
                .build();
    }

    private void checkLayout() {
        CreateCollectionReq.CollectionSchema existing = client.describeCollection(DescribeCollectionReq.builder()
                        .collectionName(settings.collection())
                        .build())
                .getCollectionSchema();
        for (String field : List.of(ID, VECTOR, TEXT, METADATA)) {
            if (existing.getField(field) == null) {
                throw new KubemateException("Milvus collection " + settings.collection() + " has no field " + field
                        + "; it was not created by Kubemate");
            }
        }
        Integer dim = existing.getField(VECTOR).getDimension();
        if (dim == null || dim != settings.dimension()) {
            throw new KubemateException("Milvus collection " + settings.collection() + " has " + dim
                    + "-dimensional vectors, the embedder makes " + settings.dimension()
                    + "; use another collection or re-index");
        }
    }

    /** The settings this store was opened with. */
    MilvusSettings settings() {
        return settings;
    }

    @Override
    public int dimension() {
        return settings.dimension();
    }

    @Override
    public void upsert(List<VectorRecord> records) {
        // the last record of an id wins, as if upserted one after the other
        Map<String, JsonObject> rows = new LinkedHashMap<>();
        for (VectorRecord r : records) {
            rows.remove(r.id());
            rows.put(r.id(), row(r));
        }
        List<JsonObject> all = new ArrayList<>(rows.values());
        for (int from = 0; from < all.size(); from += BATCH) {
            List<JsonObject> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            call(
                    "upsert",
                    () -> client.upsert(UpsertReq.builder()
                            .collectionName(settings.collection())
                            .data(batch)
                            .build()));
        }
    }

    private JsonObject row(VectorRecord r) {
        checkDimension(r.vector(), "vector of " + r.id());
        if (r.id().isEmpty() || r.id().getBytes(StandardCharsets.UTF_8).length > ID_MAX_LENGTH) {
            throw new IllegalArgumentException("id must have 1 to " + ID_MAX_LENGTH + " bytes: " + r.id());
        }
        if (r.text().getBytes(StandardCharsets.UTF_8).length > TEXT_MAX_LENGTH) {
            throw new IllegalArgumentException("text of " + r.id() + " is longer than " + TEXT_MAX_LENGTH + " bytes");
        }
        JsonObject row = new JsonObject();
        row.addProperty(ID, r.id());
        row.add(VECTOR, vectorJson(r.vector()));
        row.addProperty(TEXT, r.text());
        JsonObject metadata = new JsonObject();
        r.metadata().forEach(metadata::addProperty);
        row.add(METADATA, metadata);
        return row;
    }

    private static JsonElement vectorJson(float[] v) {
        JsonArray a = new JsonArray(v.length);
        for (float f : v) {
            a.add(f);
        }
        return a;
    }

    @Override
    public List<VectorMatch> search(float[] query, int k, Map<String, String> filter) {
        checkDimension(query, "query");
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        int limit = Math.min(k, MAX_K);
        SearchResp resp = call(
                "search",
                () -> client.search(SearchReq.builder()
                        .collectionName(settings.collection())
                        .annsField(VECTOR)
                        .metricType(IndexParam.MetricType.COSINE)
                        .data(List.of(new FloatVec(query)))
                        .limit(limit)
                        .filter(MilvusFilters.metadataEquals(METADATA, filter))
                        .outputFields(List.of(TEXT, METADATA))
                        .searchParams(Map.of("ef", Math.max(limit, 64)))
                        .consistencyLevel(ConsistencyLevel.STRONG)
                        .build()));
        List<VectorMatch> matches = new ArrayList<>();
        for (SearchResp.SearchResult hit : resp.getSearchResults().get(0)) {
            Map<String, Object> entity = hit.getEntity();
            Object text = entity.get(TEXT);
            matches.add(new VectorMatch(
                    String.valueOf(hit.getId()),
                    hit.getScore(),
                    text == null ? "" : text.toString(),
                    metadata(entity.get(METADATA))));
        }
        return matches;
    }

    private static Map<String, String> metadata(Object value) {
        JsonElement json =
                value instanceof JsonElement e ? e : value instanceof String s ? JsonParser.parseString(s) : null;
        if (json == null || !json.isJsonObject()) {
            return Map.of();
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : json.getAsJsonObject().entrySet()) {
            JsonElement v = e.getValue();
            m.put(e.getKey(), v instanceof JsonPrimitive p ? p.getAsString() : v.toString());
        }
        return m;
    }

    @Override
    public void delete(Collection<String> ids) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(ids));
        for (int from = 0; from < unique.size(); from += BATCH) {
            List<String> batch = unique.subList(from, Math.min(unique.size(), from + BATCH));
            // our own expression: the SDK's ids(...) puts ids between quotes without escaping them
            call(
                    "delete",
                    () -> client.delete(DeleteReq.builder()
                            .collectionName(settings.collection())
                            .filter(MilvusFilters.in(ID, batch))
                            .build()));
        }
    }

    @Override
    public long count() {
        return call("count", () -> {
            Object n = client.query(QueryReq.builder()
                            .collectionName(settings.collection())
                            .filter("")
                            .outputFields(List.of("count(*)"))
                            .consistencyLevel(ConsistencyLevel.STRONG)
                            .build())
                    .getQueryResults()
                    .get(0)
                    .getEntity()
                    .get("count(*)");
            return ((Number) n).longValue();
        });
    }

    @Override
    public void close() {
        client.close();
    }

    private void checkDimension(float[] v, String what) {
        if (v.length != settings.dimension()) {
            throw new IllegalArgumentException(
                    what + " has " + v.length + " dimensions, the store has " + settings.dimension());
        }
    }

    /** Runs one Milvus call, translating the SDK's exceptions; the only place that does. */
    private <T> T call(String what, Supplier<T> op) {
        try {
            return op.get();
        } catch (MilvusClientException e) {
            if (e.getErrorCode() == ErrorCode.RPC_ERROR || e.getErrorCode() == ErrorCode.TIMEOUT) {
                throw new UnavailableException("Milvus " + what + " failed: " + e.getMessage(), RETRY_AFTER, e);
            }
            throw new KubemateException("Milvus " + what + " failed: " + e.getMessage(), e);
        } catch (StatusRuntimeException e) {
            throw new UnavailableException("Milvus " + what + " failed: " + e.getStatus(), RETRY_AFTER, e);
        } catch (MilvusException e) {
            throw new KubemateException("Milvus " + what + " failed: " + e.getMessage(), e);
        }
    }
}
