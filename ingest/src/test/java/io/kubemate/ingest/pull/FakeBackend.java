package io.kubemate.ingest.pull;

import static org.assertj.core.api.Assertions.fail;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 (port 0) that stands in for Loki, Jaeger or Prometheus: it records every request
 * and answers as told, including answers that never come (until {@link #close()}).
 */
final class FakeBackend implements AutoCloseable {
    /** How long a held answer waits at most, so a forgotten hold cannot keep a test JVM alive. */
    private static final long HOLD_LIMIT_SECONDS = 60;

    /** A recorded request. */
    record Request(String method, String path, Map<String, String> params, Map<String, String> headers) {
        String param(String name) {
            return params.get(name);
        }

        /** A header by its case-insensitive name, or null. */
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
        }
    }

    @FunctionalInterface
    interface Answer {
        void send(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final List<Request> all = new ArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile Answer answer = exchange -> send(exchange, 404, "text/plain", "no answer set".getBytes());

    private FakeBackend(HttpServer server) {
        this.server = server;
    }

    static FakeBackend start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeBackend backend = new FakeBackend(server);
            server.setExecutor(backend.executor);
            server.createContext("/", backend::handle);
            server.start();
            return backend;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers every request with {@code status} and {@code body}. */
    FakeBackend answer(int status, String contentType, byte[] body) {
        this.answer = exchange -> send(exchange, status, contentType, body);
        return this;
    }

    FakeBackend answerJson(int status, String body) {
        return answer(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    FakeBackend answer(Answer answer) {
        this.answer = answer;
        return this;
    }

    /** Holds every answer until {@link #close()} (then answers 503). */
    FakeBackend hold() {
        this.answer = exchange -> {
            awaitRelease();
            send(exchange, 503, "text/plain", "released".getBytes());
        };
        return this;
    }

    /** Sends the headers and the first bytes of a 200 answer, then holds the rest until {@link #close()}. */
    FakeBackend holdMidBody() {
        this.answer = exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"status\":\"success\",\"data\":{".getBytes());
            out.flush();
            awaitRelease();
            exchange.close();
        };
        return this;
    }

    /** Answers 200 with {@code size} bytes of a JSON string, with a Content-Length or chunked. */
    FakeBackend answerLarge(int size, boolean chunked) {
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) 'a');
        body[0] = '"';
        body[size - 1] = '"';
        this.answer = exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, chunked ? 0 : size);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int off = 0; off < size; off += 8192) {
                    out.write(body, off, Math.min(8192, size - off));
                }
            } catch (IOException e) {
                // the client hung up once it had read enough: expected
            }
        };
        return this;
    }

    /** The next request received, waiting at most {@code timeout}. */
    Request nextRequest(Duration timeout) {
        try {
            Request request = requests.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (request == null) {
                fail("no request reached " + url() + " within " + timeout);
            }
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How many requests arrived so far. */
    int requestCount() {
        return count.get();
    }

    /** Every request received so far, in order. */
    synchronized List<Request> requests() {
        return List.copyOf(all);
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
        Request request = new Request(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                params(exchange.getRequestURI().getRawQuery()),
                headers);
        synchronized (this) {
            all.add(request);
        }
        count.incrementAndGet();
        requests.add(request);
        try {
            answer.send(exchange);
        } finally {
            exchange.close();
        }
    }

    private void awaitRelease() {
        try {
            release.await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return out;
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** A test resource next to this class. */
    static String resource(String name) {
        try (InputStream in = FakeBackend.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
