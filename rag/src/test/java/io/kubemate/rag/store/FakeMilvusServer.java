package io.kubemate.rag.store;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.milvus.grpc.BoolResponse;
import io.milvus.grpc.CollectionSchema;
import io.milvus.grpc.ConnectRequest;
import io.milvus.grpc.ConnectResponse;
import io.milvus.grpc.CreateCollectionRequest;
import io.milvus.grpc.CreateIndexRequest;
import io.milvus.grpc.DeleteRequest;
import io.milvus.grpc.DescribeCollectionRequest;
import io.milvus.grpc.DescribeCollectionResponse;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.GetLoadStateRequest;
import io.milvus.grpc.GetLoadStateResponse;
import io.milvus.grpc.GetLoadingProgressRequest;
import io.milvus.grpc.GetLoadingProgressResponse;
import io.milvus.grpc.HasCollectionRequest;
import io.milvus.grpc.IDs;
import io.milvus.grpc.KeyValuePair;
import io.milvus.grpc.LoadCollectionRequest;
import io.milvus.grpc.LoadState;
import io.milvus.grpc.MilvusServiceGrpc;
import io.milvus.grpc.MutationResult;
import io.milvus.grpc.QueryRequest;
import io.milvus.grpc.QueryResults;
import io.milvus.grpc.SearchRequest;
import io.milvus.grpc.SearchResults;
import io.milvus.grpc.Status;
import io.milvus.grpc.StringArray;
import io.milvus.grpc.UpsertRequest;
import io.milvus.shaded.io.grpc.Metadata;
import io.milvus.shaded.io.grpc.Server;
import io.milvus.shaded.io.grpc.ServerCall;
import io.milvus.shaded.io.grpc.ServerCallHandler;
import io.milvus.shaded.io.grpc.ServerInterceptor;
import io.milvus.shaded.io.grpc.ServerInterceptors;
import io.milvus.shaded.io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.milvus.shaded.io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A stand-in for a Milvus proxy: the SDK's own generated gRPC service on the SDK's shaded Netty server, rows kept in
 * memory, exact cosine search. It checks what it receives against what {@link MilvusVectorStore} must send (schema,
 * index, metric, expressions); a mismatch answers an error status and is kept in {@link #violations()}, so a test
 * fails either way. State survives client reconnects, so "close and reopen" sees the same collection.
 */
final class FakeMilvusServer implements AutoCloseable {
    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    final Map<String, FakeMilvusCollection> collections = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<CreateIndexRequest> indexRequests = new CopyOnWriteArrayList<>();
    final List<SearchRequest> searchRequests = new CopyOnWriteArrayList<>();
    final List<String> expressions = new CopyOnWriteArrayList<>();
    private final Server server;

    FakeMilvusServer() throws IOException {
        ServerInterceptor auth = new ServerInterceptor() {
            @Override
            public <Q, A> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
                String value = headers.get(AUTHORIZATION);
                authorizations.add(value == null ? "" : value);
                return next.startCall(call, headers);
            }
        };
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(new Service(), auth))
                .build()
                .start();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getPort();
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Status ok() {
        return Status.getDefaultInstance();
    }

    /** An error status; clients since 2.3 read {@code code}, the deprecated {@code error_code} stays Success. */
    static Status error(String reason) {
        return Status.newBuilder().setCode(65535).setReason(reason).build();
    }

    /** Answers {@code body}'s result, or an error status built by {@code onError} for a violation. */
    private <T> void answer(
            String rpc, StreamObserver<T> out, Supplier<T> body, java.util.function.Function<Status, T> onError) {
        calls.add(rpc);
        T reply;
        try {
            reply = body.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            violations.add(rpc + ": " + e.getMessage());
            reply = onError.apply(error(e.getMessage()));
        }
        out.onNext(reply);
        out.onCompleted();
    }

    private FakeMilvusCollection collection(String name) {
        FakeMilvusCollection c = collections.get(name);
        if (c == null) {
            throw new IllegalStateException("collection not found: " + name);
        }
        return c;
    }

    private final class Service extends MilvusServiceGrpc.MilvusServiceImplBase {
        @Override
        public void connect(ConnectRequest request, StreamObserver<ConnectResponse> out) {
            answer(
                    "Connect",
                    out,
                    () -> ConnectResponse.newBuilder()
                            .setStatus(ok())
                            .setIdentifier(42)
                            .build(),
                    s -> ConnectResponse.newBuilder().setStatus(s).build());
        }

        @Override
        public void hasCollection(HasCollectionRequest request, StreamObserver<BoolResponse> out) {
            answer(
                    "HasCollection",
                    out,
                    () -> BoolResponse.newBuilder()
                            .setStatus(ok())
                            .setValue(collections.containsKey(request.getCollectionName()))
                            .build(),
                    s -> BoolResponse.newBuilder().setStatus(s).build());
        }

        @Override
        public void createCollection(CreateCollectionRequest request, StreamObserver<Status> out) {
            answer(
                    "CreateCollection",
                    out,
                    () -> {
                        CollectionSchema schema;
                        try {
                            schema = CollectionSchema.parseFrom(request.getSchema());
                        } catch (InvalidProtocolBufferException e) {
                            throw new IllegalArgumentException("schema is not a CollectionSchema", e);
                        }
                        if (collections.containsKey(request.getCollectionName())) {
                            throw new IllegalStateException("collection exists: " + request.getCollectionName());
                        }
                        collections.put(
                                request.getCollectionName(),
                                new FakeMilvusCollection(request.getCollectionName(), schema));
                        return ok();
                    },
                    s -> s);
        }

        @Override
        public void createIndex(CreateIndexRequest request, StreamObserver<Status> out) {
            answer(
                    "CreateIndex",
                    out,
                    () -> {
                        indexRequests.add(request);
                        collection(request.getCollectionName()).index(request);
                        return ok();
                    },
                    s -> s);
        }

        @Override
        public void loadCollection(LoadCollectionRequest request, StreamObserver<Status> out) {
            answer(
                    "LoadCollection",
                    out,
                    () -> {
                        collection(request.getCollectionName()).load();
                        return ok();
                    },
                    s -> s);
        }

        @Override
        public void getLoadingProgress(
                GetLoadingProgressRequest request, StreamObserver<GetLoadingProgressResponse> out) {
            answer(
                    "GetLoadingProgress",
                    out,
                    () -> GetLoadingProgressResponse.newBuilder()
                            .setStatus(ok())
                            .setProgress(collection(request.getCollectionName()).isLoaded() ? 100 : 0)
                            .build(),
                    s -> GetLoadingProgressResponse.newBuilder().setStatus(s).build());
        }

        @Override
        public void getLoadState(GetLoadStateRequest request, StreamObserver<GetLoadStateResponse> out) {
            answer(
                    "GetLoadState",
                    out,
                    () -> GetLoadStateResponse.newBuilder()
                            .setStatus(ok())
                            .setState(
                                    collection(request.getCollectionName()).isLoaded()
                                            ? LoadState.LoadStateLoaded
                                            : LoadState.LoadStateNotLoad)
                            .build(),
                    s -> GetLoadStateResponse.newBuilder().setStatus(s).build());
        }

        @Override
        public void describeCollection(
                DescribeCollectionRequest request, StreamObserver<DescribeCollectionResponse> out) {
            answer(
                    "DescribeCollection",
                    out,
                    () -> {
                        FakeMilvusCollection c = collection(request.getCollectionName());
                        return DescribeCollectionResponse.newBuilder()
                                .setStatus(ok())
                                .setSchema(c.schema())
                                .setCollectionName(c.name())
                                .setCollectionID(c.id())
                                .setShardsNum(1)
                                .build();
                    },
                    s -> DescribeCollectionResponse.newBuilder().setStatus(s).build());
        }

        @Override
        public void upsert(UpsertRequest request, StreamObserver<MutationResult> out) {
            answer(
                    "Upsert",
                    out,
                    () -> {
                        List<String> ids =
                                collection(request.getCollectionName()).upsert(request.getFieldsDataList());
                        return MutationResult.newBuilder()
                                .setStatus(ok())
                                .setIDs(IDs.newBuilder()
                                        .setStrId(StringArray.newBuilder().addAllData(ids)))
                                .setUpsertCnt(ids.size())
                                .setTimestamp(System.currentTimeMillis() << 18)
                                .build();
                    },
                    s -> MutationResult.newBuilder().setStatus(s).build());
        }

        @Override
        public void delete(DeleteRequest request, StreamObserver<MutationResult> out) {
            answer(
                    "Delete",
                    out,
                    () -> {
                        expressions.add(request.getExpr());
                        long n = collection(request.getCollectionName()).delete(request.getExpr());
                        return MutationResult.newBuilder()
                                .setStatus(ok())
                                .setDeleteCnt(n)
                                .setTimestamp(System.currentTimeMillis() << 18)
                                .build();
                    },
                    s -> MutationResult.newBuilder().setStatus(s).build());
        }

        @Override
        public void search(SearchRequest request, StreamObserver<SearchResults> out) {
            answer(
                    "Search",
                    out,
                    () -> {
                        searchRequests.add(request);
                        expressions.add(request.getDsl());
                        return SearchResults.newBuilder()
                                .setStatus(ok())
                                .setCollectionName(request.getCollectionName())
                                .setResults(
                                        collection(request.getCollectionName()).search(request))
                                .build();
                    },
                    s -> SearchResults.newBuilder().setStatus(s).build());
        }

        @Override
        public void query(QueryRequest request, StreamObserver<QueryResults> out) {
            answer(
                    "Query",
                    out,
                    () -> {
                        expressions.add(request.getExpr());
                        List<FieldData> fields = new ArrayList<>(
                                collection(request.getCollectionName()).query(request));
                        return QueryResults.newBuilder()
                                .setStatus(ok())
                                .setCollectionName(request.getCollectionName())
                                .addAllFieldsData(fields)
                                .addAllOutputFields(request.getOutputFieldsList())
                                .build();
                    },
                    s -> QueryResults.newBuilder().setStatus(s).build());
        }
    }

    static String param(List<KeyValuePair> params, String key) {
        return params.stream()
                .filter(p -> p.getKey().equals(key))
                .map(KeyValuePair::getValue)
                .findFirst()
                .orElse(null);
    }

    static JsonObject json(ByteString bytes) {
        return JsonParser.parseString(bytes.toStringUtf8()).getAsJsonObject();
    }
}
