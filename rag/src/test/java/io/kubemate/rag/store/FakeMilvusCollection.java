package io.kubemate.rag.store;

import static io.kubemate.rag.store.FakeMilvusServer.json;
import static io.kubemate.rag.store.FakeMilvusServer.param;

import com.google.gson.JsonObject;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.milvus.grpc.CollectionSchema;
import io.milvus.grpc.CreateIndexRequest;
import io.milvus.grpc.DataType;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.FieldSchema;
import io.milvus.grpc.IDs;
import io.milvus.grpc.JSONArray;
import io.milvus.grpc.LongArray;
import io.milvus.grpc.PlaceholderGroup;
import io.milvus.grpc.PlaceholderValue;
import io.milvus.grpc.QueryRequest;
import io.milvus.grpc.ScalarField;
import io.milvus.grpc.SearchRequest;
import io.milvus.grpc.SearchResultData;
import io.milvus.grpc.StringArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** One collection of {@link FakeMilvusServer}: validated schema and index, rows in memory, exact cosine search. */
final class FakeMilvusCollection {
    record Row(String id, float[] vector, String text, JsonObject metadata) {}

    private static final AtomicLong IDS = new AtomicLong(1000);

    private final String name;
    private final long id = IDS.incrementAndGet();
    private final CollectionSchema schema;
    private final int dimension;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private CreateIndexRequest index;
    private boolean loaded;

    FakeMilvusCollection(String name, CollectionSchema schema) {
        this.name = name;
        this.schema = schema;
        checkSchema(schema);
        this.dimension = Integer.parseInt(param(field("vector").getTypeParamsList(), "dim"));
    }

    private static void checkSchema(CollectionSchema schema) {
        List<String> names =
                schema.getFieldsList().stream().map(FieldSchema::getName).toList();
        require(
                names.equals(List.of("id", "vector", "text", "metadata")),
                "fields must be id, vector, text, metadata: " + names);
        FieldSchema id = schema.getFields(0);
        require(
                id.getDataType() == DataType.VarChar && id.getIsPrimaryKey() && !id.getAutoID(),
                "id must be a VarChar primary key without autoID: " + id);
        require(param(id.getTypeParamsList(), "max_length") != null, "id needs max_length");
        FieldSchema vector = schema.getFields(1);
        require(vector.getDataType() == DataType.FloatVector, "vector must be a FloatVector: " + vector);
        String dim = param(vector.getTypeParamsList(), "dim");
        require(dim != null && Integer.parseInt(dim) > 0, "vector needs dim: " + vector);
        FieldSchema text = schema.getFields(2);
        require(
                text.getDataType() == DataType.VarChar && param(text.getTypeParamsList(), "max_length") != null,
                "text must be VarChar with max_length: " + text);
        require(schema.getFields(3).getDataType() == DataType.JSON, "metadata must be JSON");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    String name() {
        return name;
    }

    long id() {
        return id;
    }

    int dimension() {
        return dimension;
    }

    synchronized CollectionSchema schema() {
        return schema;
    }

    synchronized boolean isLoaded() {
        return loaded;
    }

    synchronized CreateIndexRequest index() {
        return index;
    }

    private FieldSchema field(String n) {
        return schema.getFieldsList().stream()
                .filter(f -> f.getName().equals(n))
                .findFirst()
                .orElseThrow();
    }

    synchronized void index(CreateIndexRequest request) {
        var p = request.getExtraParamsList();
        require(request.getFieldName().equals("vector"), "index must be on vector: " + request.getFieldName());
        require("HNSW".equals(param(p, "index_type")), "index_type must be HNSW: " + p);
        require("COSINE".equals(param(p, "metric_type")), "metric_type must be COSINE: " + p);
        require(
                "16".equals(param(p, "M")) && "200".equals(param(p, "efConstruction")),
                "HNSW needs M=16, efConstruction=200: " + p);
        index = request;
    }

    synchronized void load() {
        if (index == null) {
            throw new IllegalStateException("index not found for collection " + name + ", create an index first");
        }
        loaded = true;
    }

    synchronized List<String> upsert(List<FieldData> columns) {
        Map<String, FieldData> byName = new LinkedHashMap<>();
        columns.forEach(c -> byName.put(c.getFieldName(), c));
        require(
                byName.keySet().equals(java.util.Set.of("id", "vector", "text", "metadata")),
                "upsert must carry id, vector, text, metadata: " + byName.keySet());
        List<String> ids = byName.get("id").getScalars().getStringData().getDataList();
        var vectors = byName.get("vector").getVectors();
        require(vectors.getDim() == dimension, "vectors have dim " + vectors.getDim() + ", schema " + dimension);
        List<Float> flat = vectors.getFloatVector().getDataList();
        List<String> texts = byName.get("text").getScalars().getStringData().getDataList();
        List<ByteString> metas =
                byName.get("metadata").getScalars().getJsonData().getDataList();
        require(
                flat.size() == ids.size() * dimension && texts.size() == ids.size() && metas.size() == ids.size(),
                "columns of different lengths");
        for (int i = 0; i < ids.size(); i++) {
            float[] v = new float[dimension];
            for (int d = 0; d < dimension; d++) {
                v[d] = flat.get(i * dimension + d);
            }
            rows.put(ids.get(i), new Row(ids.get(i), v, texts.get(i), json(metas.get(i))));
        }
        return ids;
    }

    synchronized long delete(String expr) {
        Predicate<FakeMilvusFilter.Row> filter = FakeMilvusFilter.parse(expr);
        require(!expr.isBlank(), "delete needs an expression");
        List<String> gone = matching(filter).stream().map(Row::id).toList();
        gone.forEach(rows::remove);
        return gone.size();
    }

    synchronized List<FieldData> query(QueryRequest request) {
        require(loaded, "collection not loaded");
        require(request.getOutputFieldsList().equals(List.of("count(*)")), "only count(*) queries are expected");
        long n = matching(FakeMilvusFilter.parse(request.getExpr())).size();
        return List.of(FieldData.newBuilder()
                .setType(DataType.Int64)
                .setFieldName("count(*)")
                .setScalars(ScalarField.newBuilder()
                        .setLongData(LongArray.newBuilder().addData(n)))
                .build());
    }

    synchronized SearchResultData search(SearchRequest request) {
        if (!loaded) {
            throw new IllegalStateException("collection not loaded");
        }
        var params = request.getSearchParamsList();
        require("vector".equals(param(params, "anns_field")), "anns_field must be vector: " + params);
        require("COSINE".equals(param(params, "metric_type")), "metric_type must be COSINE: " + params);
        require(
                request.getOutputFieldsList().containsAll(List.of("text", "metadata")),
                "output fields must include text and metadata: " + request.getOutputFieldsList());
        int k = Integer.parseInt(param(params, "topk"));
        float[] q = queryVector(request.getPlaceholderGroup());
        List<Row> hits = matching(FakeMilvusFilter.parse(request.getDsl())).stream()
                .sorted(Comparator.comparingDouble((Row r) -> -cosine(q, r.vector()))
                        .thenComparing(Row::id))
                .limit(k)
                .toList();
        SearchResultData.Builder b = SearchResultData.newBuilder()
                .setNumQueries(1)
                .setTopK(k)
                .addTopks(hits.size())
                .setPrimaryFieldName("id")
                .addAllOutputFields(List.of("text", "metadata"))
                .setIds(IDs.newBuilder()
                        .setStrId(StringArray.newBuilder()
                                .addAllData(hits.stream().map(Row::id).toList())));
        hits.forEach(h -> b.addScores((float) cosine(q, h.vector())));
        b.addFieldsData(FieldData.newBuilder()
                .setType(DataType.VarChar)
                .setFieldName("text")
                .setScalars(ScalarField.newBuilder()
                        .setStringData(StringArray.newBuilder()
                                .addAllData(hits.stream().map(Row::text).toList()))));
        b.addFieldsData(FieldData.newBuilder()
                .setType(DataType.JSON)
                .setFieldName("metadata")
                .setScalars(ScalarField.newBuilder()
                        .setJsonData(JSONArray.newBuilder()
                                .addAllData(hits.stream()
                                        .map(h -> ByteString.copyFromUtf8(
                                                h.metadata().toString()))
                                        .toList()))));
        return b.build();
    }

    private float[] queryVector(ByteString placeholders) {
        try {
            PlaceholderValue value = PlaceholderGroup.parseFrom(placeholders).getPlaceholders(0);
            ByteBuffer buf = value.getValues(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            require(buf.remaining() == dimension * 4, "query vector has " + buf.remaining() / 4 + " dims");
            float[] v = new float[dimension];
            buf.asFloatBuffer().get(v);
            return v;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("placeholder group unreadable", e);
        }
    }

    private List<Row> matching(Predicate<FakeMilvusFilter.Row> filter) {
        List<Row> out = new ArrayList<>();
        for (Row r : rows.values()) {
            if (filter.test(new FakeMilvusFilter.Row(r.id(), r.metadata()))) {
                out.add(r);
            }
        }
        return out;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
