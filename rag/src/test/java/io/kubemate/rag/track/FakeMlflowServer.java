package io.kubemate.rag.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kubemate.core.topic.JsonSerde;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the MLflow tracking server's REST API ({@code /api/2.0/mlflow/...}): the calls {@link
 * MlflowModelTracker} makes, each checked for method, path and body fields (int64 fields as JSON strings or numbers, as
 * proto3 JSON allows). A mismatch answers 400 and is kept in {@link #violations}. It can also fail every call with a
 * status, or hang until closed.
 */
final class FakeMlflowServer implements AutoCloseable {
    record Call(String method, String path, Map<String, String> query, JsonNode body, String authorization) {
        String line() {
            return method + " " + path;
        }
    }

    /** A run as the server holds it. */
    static final class Run {
        final String id;
        final String experimentId;
        final Map<String, String> tags = new LinkedHashMap<>();
        final Map<String, String> params = new LinkedHashMap<>();
        final Map<String, Double> metrics = new LinkedHashMap<>();
        final Map<String, Long> metricTimes = new LinkedHashMap<>();
        String status = "RUNNING";
        long startTime;
        long endTime;
        String name;

        Run(String id, String experimentId) {
            this.id = id;
            this.experimentId = experimentId;
        }
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    final Map<String, String> experiments = new LinkedHashMap<>();
    final Map<String, Run> runs = new LinkedHashMap<>();
    final List<String> registeredModels = new ArrayList<>();
    final List<ObjectNode> versions = new ArrayList<>();
    volatile int failWith;
    private volatile boolean hang;
    private final CountDownLatch released = new CountDownLatch(1);
    private final ObjectMapper json = JsonSerde.newMapper();
    private final FakeMlflowApi api = new FakeMlflowApi(this);
    private final HttpServer server;

    FakeMlflowServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on every call waits, unanswered, until the server is closed. */
    void hang() {
        hang = true;
    }

    List<String> lines() {
        return calls.stream().map(Call::line).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            byte[] raw = ex.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? json.createObjectNode() : json.readTree(raw);
            Call call = new Call(
                    ex.getRequestMethod(),
                    path.replaceFirst("^/api/2\\.0/mlflow/", ""),
                    query,
                    body,
                    ex.getRequestHeaders().getFirst("Authorization"));
            calls.add(call);
            if (hang) {
                released.await(30, TimeUnit.SECONDS);
                return;
            }
            if (failWith != 0) {
                reply(ex, failWith, "{\"error_code\":\"INTERNAL_ERROR\",\"message\":\"injected\"}");
                return;
            }
            if (!path.startsWith("/api/2.0/mlflow/")) {
                violations.add("not an MLflow API path: " + path);
                reply(ex, 404, "{\"error_code\":\"ENDPOINT_NOT_FOUND\"}");
                return;
            }
            FakeMlflowApi.Answer answer;
            synchronized (this) {
                answer = api.answer(call);
            }
            reply(ex, answer.status(), json.writeValueAsString(answer.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
