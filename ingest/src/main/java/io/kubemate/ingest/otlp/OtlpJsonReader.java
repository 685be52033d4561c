package io.kubemate.ingest.otlp;

import static io.kubemate.ingest.otlp.OtlpJsonValues.array;
import static io.kubemate.ingest.otlp.OtlpJsonValues.attributes;
import static io.kubemate.ingest.otlp.OtlpJsonValues.enumValue;
import static io.kubemate.ingest.otlp.OtlpJsonValues.id;
import static io.kubemate.ingest.otlp.OtlpJsonValues.object;
import static io.kubemate.ingest.otlp.OtlpJsonValues.pointer;
import static io.kubemate.ingest.otlp.OtlpJsonValues.requireObject;
import static io.kubemate.ingest.otlp.OtlpJsonValues.string;
import static io.kubemate.ingest.otlp.OtlpJsonValues.uint64;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.topic.JsonSerde;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.util.List;

/**
 * OTLP JSON into the protobuf request messages, by hand: protobuf's own {@code JsonFormat} would read hex ids as
 * base64 and silently produce wrong ids. Only the fields Kubemate uses are read; unknown keys are ignored, as the
 * OTLP specification requires of receivers, but a snake_case top-level key is named as the mistake it is.
 */
final class OtlpJsonReader {
    private static final String ROOT = "/";

    private final ObjectMapper mapper = strictMapper();

    ExportTraceServiceRequest traces(byte[] body) {
        JsonNode root = read(body);
        rejectSnakeCase(root, "resource_spans", "resourceSpans");
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        List<JsonNode> resources = array(root, "resourceSpans", "");
        for (int i = 0; i < resources.size(); i++) {
            request.addResourceSpans(resourceSpans(resources.get(i), "/resourceSpans/" + i));
        }
        return request.build();
    }

    ExportLogsServiceRequest logs(byte[] body) {
        JsonNode root = read(body);
        rejectSnakeCase(root, "resource_logs", "resourceLogs");
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        List<JsonNode> resources = array(root, "resourceLogs", "");
        for (int i = 0; i < resources.size(); i++) {
            request.addResourceLogs(resourceLogs(resources.get(i), "/resourceLogs/" + i));
        }
        return request.build();
    }

    private ResourceSpans resourceSpans(JsonNode node, String at) {
        requireObject(node, at);
        ResourceSpans.Builder resource = ResourceSpans.newBuilder().setResource(resource(node, at));
        List<JsonNode> scopes = array(node, "scopeSpans", at);
        for (int i = 0; i < scopes.size(); i++) {
            String scopeAt = at + "/scopeSpans/" + i;
            requireObject(scopes.get(i), scopeAt);
            ScopeSpans.Builder scope = ScopeSpans.newBuilder();
            List<JsonNode> spans = array(scopes.get(i), "spans", scopeAt);
            for (int k = 0; k < spans.size(); k++) {
                scope.addSpans(span(spans.get(k), scopeAt + "/spans/" + k));
            }
            resource.addScopeSpans(scope);
        }
        return resource.build();
    }

    private Span span(JsonNode node, String at) {
        requireObject(node, at);
        if (node.has("trace_id") || node.has("span_id")) {
            throw new InvalidInputException(
                    pointer(at, node.has("trace_id") ? "trace_id" : "span_id"),
                    "OTLP JSON keys are lowerCamelCase (traceId, spanId); snake_case keys are not valid");
        }
        Span.Builder span = Span.newBuilder()
                .setTraceId(id(node, "traceId", at, 16, false))
                .setSpanId(id(node, "spanId", at, 8, false))
                .setParentSpanId(id(node, "parentSpanId", at, 8, true))
                .setName(string(node, "name", at))
                .setKindValue(enumValue(node, "kind", at))
                .setStartTimeUnixNano(uint64(node, "startTimeUnixNano", at))
                .setEndTimeUnixNano(uint64(node, "endTimeUnixNano", at))
                .addAllAttributes(attributes(node, "attributes", at));
        List<JsonNode> events = array(node, "events", at);
        for (int i = 0; i < events.size(); i++) {
            String eventAt = at + "/events/" + i;
            requireObject(events.get(i), eventAt);
            span.addEvents(Span.Event.newBuilder()
                    .setTimeUnixNano(uint64(events.get(i), "timeUnixNano", eventAt))
                    .setName(string(events.get(i), "name", eventAt))
                    .addAllAttributes(attributes(events.get(i), "attributes", eventAt)));
        }
        JsonNode status = object(node, "status", at);
        if (status != null) {
            String statusAt = pointer(at, "status");
            span.setStatus(Status.newBuilder()
                    .setCodeValue(enumValue(status, "code", statusAt))
                    .setMessage(string(status, "message", statusAt)));
        }
        return span.build();
    }

    private ResourceLogs resourceLogs(JsonNode node, String at) {
        requireObject(node, at);
        ResourceLogs.Builder resource = ResourceLogs.newBuilder().setResource(resource(node, at));
        List<JsonNode> scopes = array(node, "scopeLogs", at);
        for (int i = 0; i < scopes.size(); i++) {
            String scopeAt = at + "/scopeLogs/" + i;
            requireObject(scopes.get(i), scopeAt);
            ScopeLogs.Builder scope = ScopeLogs.newBuilder();
            List<JsonNode> records = array(scopes.get(i), "logRecords", scopeAt);
            for (int k = 0; k < records.size(); k++) {
                scope.addLogRecords(logRecord(records.get(k), scopeAt + "/logRecords/" + k));
            }
            resource.addScopeLogs(scope);
        }
        return resource.build();
    }

    private LogRecord logRecord(JsonNode node, String at) {
        requireObject(node, at);
        LogRecord.Builder record = LogRecord.newBuilder()
                .setTimeUnixNano(uint64(node, "timeUnixNano", at))
                .setObservedTimeUnixNano(uint64(node, "observedTimeUnixNano", at))
                .setSeverityNumberValue(enumValue(node, "severityNumber", at))
                .setSeverityText(string(node, "severityText", at))
                .addAllAttributes(attributes(node, "attributes", at))
                .setTraceId(id(node, "traceId", at, 16, true))
                .setSpanId(id(node, "spanId", at, 8, true));
        JsonNode body = object(node, "body", at);
        if (body != null) {
            record.setBody(OtlpJsonValues.anyValue(body, pointer(at, "body")));
        }
        return record.build();
    }

    private static Resource resource(JsonNode node, String at) {
        JsonNode resource = object(node, "resource", at);
        if (resource == null) {
            return Resource.getDefaultInstance();
        }
        return Resource.newBuilder()
                .addAllAttributes(attributes(resource, "attributes", pointer(at, "resource")))
                .build();
    }

    private static void rejectSnakeCase(JsonNode root, String snake, String camel) {
        if (root.has(snake)) {
            throw new InvalidInputException(
                    pointer("", snake),
                    "OTLP JSON keys are lowerCamelCase (" + camel + "); snake_case keys are not valid");
        }
    }

    private JsonNode read(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException(ROOT, "the body is empty; expected an OTLP JSON request");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (StreamReadException e) {
            throw new InvalidInputException(pointerOf(e), "the body is not valid JSON");
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(ROOT, "the body is not valid JSON");
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(ROOT, "the body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(ROOT, "the body must be a JSON object (an OTLP export request)");
        }
        return root;
    }

    private static String pointerOf(StreamReadException e) {
        if (e.getProcessor() == null) {
            return ROOT;
        }
        String pointer = e.getProcessor().getParsingContext().pathAsPointer().toString();
        return pointer.isEmpty() ? ROOT : pointer;
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = JsonSerde.newMapper();
        mapper.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(64).build());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return mapper;
    }
}
