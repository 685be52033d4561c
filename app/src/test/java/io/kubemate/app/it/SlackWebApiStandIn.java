package io.kubemate.app.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slack's Web API ({@code chat.postMessage}, {@code chat.update}) on 127.0.0.1 for integration tests: records every
 * call and answers {@code ok} with a fresh {@code ts} per post, as Slack does.
 */
final class SlackWebApiStandIn implements AutoCloseable {
    record Call(String method, String channel, String ts, String threadTs, String text, String blocks) {
        boolean isTopLevelPost() {
            return method.equals("chat.postMessage") && threadTs == null;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    SlackWebApiStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/", this::handle);
        server.start();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls about incident {@code id} (its text names it). */
    List<Call> about(String id) {
        return calls().stream()
                .filter(c -> c.text() != null && c.text().contains(id))
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String channel = "C0IT"
                + Integer.toHexString(form.getOrDefault("channel", "").hashCode())
                        .toUpperCase();
        if (form.getOrDefault("channel", "").startsWith("C0IT")) {
            channel = form.get("channel");
        }
        String ts = method.equals("chat.update")
                ? form.get("ts")
                : String.format("1795625908.%06d", sequence.incrementAndGet());
        String blocks = form.get("blocks") == null
                ? null
                : JSON.readTree(form.get("blocks")).toString();
        synchronized (this) {
            calls.add(new Call(method, channel, ts, form.get("thread_ts"), form.get("text"), blocks));
        }
        byte[] body = JSON.createObjectNode()
                .put("ok", true)
                .put("channel", channel)
                .put("ts", ts)
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
