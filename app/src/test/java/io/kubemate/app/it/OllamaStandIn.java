package io.kubemate.app.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** What the ITs' Ollama stand-ins answer, in Ollama's documented {@code /api/chat} reply shape. */
final class OllamaStandIn {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OllamaStandIn() {}

    /**
     * A non-streamed {@code /api/chat} reply whose message is the summary JSON the prompt asks for.
     *
     * @param service {@code probableRootCause.service}
     * @param citation an id the summary cites, or null for none
     */
    static String chatReply(
            String summary, String service, String reason, double confidence, String citation, String nextStep) {
        ObjectNode content = JSON.createObjectNode();
        content.put("summary", summary);
        content.putObject("probableRootCause").put("service", service).put("reason", reason);
        content.put("confidence", confidence);
        var citations = content.putArray("citations");
        if (citation != null) {
            citations.add(citation);
        }
        content.putArray("nextSteps").add(nextStep);
        content.putArray("similarIncidentIds");
        ObjectNode reply = JSON.createObjectNode();
        reply.put("model", "stand-in");
        reply.put("created_at", "2026-11-26T02:00:00Z");
        reply.putObject("message").put("role", "assistant").put("content", content.toString());
        reply.put("done", true);
        reply.put("done_reason", "stop");
        reply.put("prompt_eval_count", 120);
        reply.put("eval_count", 40);
        return reply.toString();
    }

    /** Answers {@code exchange} with {@code body} as JSON, status 200. */
    static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
