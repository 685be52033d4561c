package io.kubemate.streams.traces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.telemetry.SpanKind;
import io.kubemate.core.telemetry.SpanRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an OTLP/JSON traces fixture into {@link SpanRecord}s, just enough for tests (the real parser lives in ingest).
 * Test-only.
 */
public final class OtlpJsonFixture {
    private OtlpJsonFixture() {}

    static List<SpanRecord> spans(String resource) {
        try (InputStream in = OtlpJsonFixture.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return spans(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The spans of one OTLP/JSON {@code ExportTraceServiceRequest}; a stand-in for ingest's decoder in streams tests.
     *
     * @throws UncheckedIOException when {@code request} is not JSON
     */
    public static List<SpanRecord> decode(byte[] request) {
        try {
            return spans(new ObjectMapper().readTree(request));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<SpanRecord> spans(JsonNode request) {
        List<SpanRecord> spans = new ArrayList<>();
        for (JsonNode resourceSpans : request.path("resourceSpans")) {
            String service = attributes(resourceSpans.path("resource").path("attributes"))
                    .getOrDefault("service.name", "");
            for (JsonNode scope : resourceSpans.path("scopeSpans")) {
                for (JsonNode span : scope.path("spans")) {
                    spans.add(span(span, service));
                }
            }
        }
        return spans;
    }

    private static SpanRecord span(JsonNode span, String service) {
        Map<String, String> attributes = attributes(span.path("attributes"));
        long start = Long.parseLong(span.path("startTimeUnixNano").asText());
        long end = Long.parseLong(span.path("endTimeUnixNano").asText());
        int status = Integer.parseInt(attributes.getOrDefault("http.response.status_code", "0"));
        boolean exception = false;
        for (JsonNode event : span.path("events")) {
            if (event.path("name").asText().equals("exception")) {
                exception = true;
                attributes.putAll(attributes(event.path("attributes")));
            }
        }
        boolean error = span.path("status").path("code").asInt() == 2 || status >= 500 || exception;
        return new SpanRecord(
                span.path("traceId").asText(),
                span.path("spanId").asText(),
                span.path("parentSpanId").asText(""),
                service,
                span.path("name").asText(),
                SpanKind.ofOtlp(span.path("kind").asInt()),
                Instant.ofEpochSecond(0, start),
                end - start,
                error,
                span.path("status").path("message").asText(""),
                status,
                attributes,
                "otlp");
    }

    private static Map<String, String> attributes(JsonNode list) {
        Map<String, String> attributes = new HashMap<>();
        for (JsonNode attribute : list) {
            JsonNode value = attribute.path("value");
            JsonNode scalar = value.has("stringValue")
                    ? value.get("stringValue")
                    : value.has("intValue") ? value.get("intValue") : value.path("boolValue");
            attributes.put(attribute.path("key").asText(), scalar.asText());
        }
        return attributes;
    }
}
