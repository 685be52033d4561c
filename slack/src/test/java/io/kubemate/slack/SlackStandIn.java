package io.kubemate.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local stand-in of Slack's Web API ({@code chat.postMessage}, {@code chat.update}, {@code chat.postEphemeral}) on
 * 127.0.0.1: it records every
 * call with the time of the given clock and answers like Slack, including {@code {"ok":false,"error":"ratelimited"}}
 * with HTTP 429 and {@code Retry-After}: for every {@link #rateLimitEvery}th call, and for any call that comes sooner
 * than {@link #minInterval} after the last one to the same channel (a violation, counted).
 */
final class SlackStandIn implements AutoCloseable {
    record Call(
            String method,
            String channelId,
            String ts,
            String threadTs,
            String text,
            String blocks,
            Instant at,
            int status,
            String user) {
        boolean isTopLevelPost() {
            return method.equals("chat.postMessage") && threadTs == null && status == 200;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Clock clock;
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, String> channelIds = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastCall = new HashMap<>();
    private int count;
    private int violations;
    int rateLimitEvery;
    /** The next this many calls fail with HTTP 500. */
    int serverErrors;

    Duration retryAfter = Duration.ofSeconds(2);
    Duration minInterval = Duration.ofSeconds(1);

    SlackStandIn(Clock clock) throws IOException {
        // answers leave at once (no Nagle wait against the client's delayed ACK: 40 ms per call otherwise)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.clock = clock;
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

    synchronized int violations() {
        return violations;
    }

    /** The channel id the stand-in answers for a channel name. */
    String channelId(String name) {
        return channelIds.computeIfAbsent(
                name,
                n -> n.startsWith("C")
                        ? n
                        : "C" + Integer.toHexString(n.hashCode()).toUpperCase());
    }

    private static Call refused(
            String method, String channel, Map<String, String> form, String blocks, Instant at, int status) {
        return new Call(
                method, channel, null, form.get("thread_ts"), form.get("text"), blocks, at, status, form.get("user"));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!"Bearer xoxb-test-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 200, "{\"ok\":false,\"error\":\"invalid_auth\"}", null);
            return;
        }
        String channel = channelId(form.getOrDefault("channel", ""));
        synchronized (this) {
            Instant now = clock.instant();
            count++;
            Instant last = lastCall.get(channel);
            boolean tooSoon = last != null && Duration.between(last, now).compareTo(minInterval) < 0;
            lastCall.put(channel, now);
            String ts;
            if (serverErrors > 0) {
                serverErrors--;
                calls.add(refused(method, channel, form, null, now, 500));
                answer(exchange, 500, "upstream trouble", null);
                return;
            }
            if (tooSoon || (rateLimitEvery > 0 && count % rateLimitEvery == 0)) {
                violations += tooSoon ? 1 : 0;
                calls.add(refused(method, channel, form, form.get("blocks"), now, 429));
                answer(
                        exchange,
                        429,
                        "{\"ok\":false,\"error\":\"ratelimited\"}",
                        String.valueOf(retryAfter.toSeconds()));
                return;
            }
            switch (method) {
                case "chat.postMessage" -> ts = String.format("%d.%06d", now.getEpochSecond(), count);
                case "chat.update" -> ts = form.get("ts");
                case "chat.postEphemeral" -> ts = String.format("%d.%06d", now.getEpochSecond(), count);
                default -> {
                    answer(exchange, 200, "{\"ok\":false,\"error\":\"unknown_method\"}", null);
                    return;
                }
            }
            // as Slack reads them: parsed (invalid JSON fails here), kept without the SDK's \u003c escapes
            String blocks = form.get("blocks") == null
                    ? null
                    : JSON.readTree(form.get("blocks")).toString();
            calls.add(new Call(
                    method, channel, ts, form.get("thread_ts"), form.get("text"), blocks, now, 200, form.get("user")));
            JsonNode ok = method.equals("chat.postEphemeral")
                    ? JSON.createObjectNode().put("ok", true).put("message_ts", ts)
                    : JSON.createObjectNode()
                            .put("ok", true)
                            .put("channel", channel)
                            .put("ts", ts);
            answer(exchange, 200, ok.toString(), null);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void answer(HttpExchange exchange, int status, String body, String retryAfter) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
