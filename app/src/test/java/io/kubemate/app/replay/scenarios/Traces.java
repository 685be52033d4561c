package io.kubemate.app.replay.scenarios;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OTLP/JSON traces in the shape the OpenTelemetry Java SDK and Collector send (hex ids, integer kinds and status
 * codes, nanosecond times as decimal strings), spans grouped by resource ({@code service.name} and its pod) and
 * instrumentation scope, as a Collector batch delivers them.
 */
final class Traces {
    static final int INTERNAL = 1;
    static final int SERVER = 2;
    static final int CLIENT = 3;

    /** Where a service runs, for its resource attributes. */
    record Service(String name, String namespace, String pod, String version, String language) {}

    /** One span; children are added through {@link #child}. */
    final class Span {
        final Service service;
        final String scope;
        final String spanId;
        final String parentId;
        final String traceId;
        final String name;
        final int kind;
        final Instant start;
        final long durationNanos;
        final Map<String, Object> attributes = new LinkedHashMap<>();
        String errorMessage;
        String exceptionType;

        Span(
                Service service,
                String scope,
                String traceId,
                String parentId,
                String name,
                int kind,
                Instant start,
                double millis) {
            this.service = service;
            this.scope = scope;
            this.traceId = traceId;
            this.parentId = parentId;
            this.spanId = recording.hex(16);
            this.name = name;
            this.kind = kind;
            this.start = start;
            this.durationNanos = Math.round(millis * 1_000_000);
            spans.add(this);
        }

        /** A child starting {@code offsetMillis} after this span started. */
        Span child(Service service, String scope, String name, int kind, double offsetMillis, double millis) {
            return new Span(
                    service,
                    scope,
                    traceId,
                    spanId,
                    name,
                    kind,
                    start.plusNanos(Math.round(offsetMillis * 1e6)),
                    millis);
        }

        Span attr(String key, Object value) {
            attributes.put(key, value);
            return this;
        }

        /** Status ERROR with {@code message}; with an exception event when {@code type} is given. */
        Span error(String message, String type) {
            this.errorMessage = message;
            this.exceptionType = type;
            return this;
        }
    }

    private final Recording recording;
    private final List<Span> spans = new ArrayList<>();

    Traces(Recording recording) {
        this.recording = recording;
    }

    /** A new trace's root span, {@code seconds} after the scenario start. */
    Span root(Service service, String scope, String name, int kind, double seconds, double millis) {
        return new Span(service, scope, recording.hex(32), "", name, kind, recording.t(seconds), millis);
    }

    /** Sends every span built so far as one OTLP request, {@code delaySeconds} after the last span ended. */
    void flush(double delaySeconds) {
        if (spans.isEmpty()) {
            return;
        }
        Instant last = spans.stream()
                .map(s -> s.start.plusNanos(s.durationNanos))
                .max(Instant::compareTo)
                .orElseThrow();
        Map<Service, Map<String, List<Span>>> byResource = new LinkedHashMap<>();
        for (Span span : spans) {
            byResource
                    .computeIfAbsent(span.service, k -> new LinkedHashMap<>())
                    .computeIfAbsent(span.scope, k -> new ArrayList<>())
                    .add(span);
        }
        ArrayNode resourceSpans = Recording.NODES.arrayNode();
        byResource.forEach((service, scopes) -> {
            ObjectNode resource = resourceSpans.addObject();
            ArrayNode attributes = resource.putObject("resource").putArray("attributes");
            attribute(attributes, "deployment.environment.name", "prod");
            attribute(attributes, "k8s.cluster.name", recording.cluster);
            attribute(attributes, "k8s.namespace.name", service.namespace());
            attribute(attributes, "k8s.pod.name", service.pod());
            attribute(attributes, "service.name", service.name());
            attribute(attributes, "service.namespace", service.namespace());
            attribute(attributes, "service.version", service.version());
            attribute(attributes, "telemetry.sdk.language", service.language());
            attribute(attributes, "telemetry.sdk.name", "opentelemetry");
            ArrayNode scopeSpans = resource.putArray("scopeSpans");
            scopes.forEach((scope, list) -> {
                ObjectNode scopeNode = scopeSpans.addObject();
                scopeNode.putObject("scope").put("name", scope).put("version", "2.10.0-alpha");
                ArrayNode spanArray = scopeNode.putArray("spans");
                list.forEach(span -> spanArray.add(json(span)));
            });
        });
        ObjectNode body = Recording.NODES.objectNode();
        body.set("resourceSpans", resourceSpans);
        recording.add("otlp-traces", last.plusMillis(Math.round(delaySeconds * 1000)), body, null, null);
        spans.clear();
    }

    private static ObjectNode json(Span span) {
        ObjectNode node = Recording.NODES.objectNode();
        node.put("traceId", span.traceId);
        node.put("spanId", span.spanId);
        node.put("parentSpanId", span.parentId);
        node.put("flags", 257);
        node.put("name", span.name);
        node.put("kind", span.kind);
        node.put("startTimeUnixNano", Recording.nanos(span.start));
        node.put("endTimeUnixNano", Recording.nanos(span.start.plusNanos(span.durationNanos)));
        ArrayNode attributes = node.putArray("attributes");
        span.attributes.forEach((key, value) -> attribute(attributes, key, value));
        ArrayNode events = node.putArray("events");
        if (span.exceptionType != null) {
            ObjectNode event = events.addObject();
            event.put("timeUnixNano", Recording.nanos(span.start.plusNanos(span.durationNanos - 200_000)));
            event.put("name", "exception");
            ArrayNode eventAttributes = event.putArray("attributes");
            attribute(eventAttributes, "exception.type", span.exceptionType);
            attribute(eventAttributes, "exception.message", span.errorMessage);
            attribute(
                    eventAttributes,
                    "exception.stacktrace",
                    span.exceptionType + ": " + span.errorMessage + "\n\tat " + frame(span));
        }
        node.putArray("links");
        ObjectNode status = node.putObject("status");
        if (span.errorMessage != null) {
            status.put("message", span.errorMessage);
            status.put("code", 2);
        }
        return node;
    }

    private static String frame(Span span) {
        return switch (span.service.language()) {
            case "java" -> "com.acme." + span.service.name().replace("-", "") + ".web.Handler.handle(Handler.java:87)";
            case "go" -> "main.(*server)." + span.name.replace(' ', '_') + "(server.go:142)";
            default -> "handler (/app/server.js:214:17)";
        };
    }

    private static void attribute(ArrayNode attributes, String key, Object value) {
        ObjectNode attribute = attributes.addObject();
        attribute.put("key", key);
        ObjectNode any = attribute.putObject("value");
        if (value instanceof Integer || value instanceof Long) {
            any.put("intValue", value.toString());
        } else if (value instanceof Boolean bool) {
            any.put("boolValue", bool);
        } else {
            any.put("stringValue", value.toString());
        }
    }
}
