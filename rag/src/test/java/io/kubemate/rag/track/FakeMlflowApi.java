package io.kubemate.rag.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemate.core.topic.JsonSerde;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The endpoints of {@link FakeMlflowServer}: checks each request, updates the state, builds the answer. */
final class FakeMlflowApi {
    record Answer(int status, JsonNode body) {}

    private static final Set<String> STATUSES = Set.of("RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED");
    private static final Pattern TAG_FILTER = Pattern.compile("tags\\.`([^`]+)` = '([^']*)'");
    private static final Pattern NAME_FILTER = Pattern.compile("name\\s*=\\s*'([^']*)'");

    private final FakeMlflowServer s;
    private final ObjectMapper json = JsonSerde.newMapper();

    FakeMlflowApi(FakeMlflowServer server) {
        this.s = server;
    }

    Answer answer(FakeMlflowServer.Call c) {
        try {
            return switch (c.line()) {
                case "GET experiments/get-by-name" -> experimentByName(c);
                case "POST experiments/create" -> createExperiment(c.body());
                case "POST runs/create" -> createRun(c.body());
                case "POST runs/log-batch" -> logBatch(c.body());
                case "POST runs/update" -> updateRun(c.body());
                case "POST runs/log-metric" -> logMetric(c.body());
                case "POST runs/search" -> searchRuns(c.body());
                case "POST registered-models/create" -> createModel(c.body());
                case "POST model-versions/create" -> createVersion(c.body());
                case "GET model-versions/search" -> searchVersions(c);
                default -> throw new IllegalArgumentException("unexpected call " + c.line());
            };
        } catch (IllegalArgumentException e) {
            s.violations.add(c.line() + ": " + e.getMessage());
            return error(400, "INVALID_PARAMETER_VALUE", e.getMessage());
        }
    }

    private Answer ok(JsonNode body) {
        return new Answer(200, body);
    }

    private Answer error(int status, String code, String message) {
        return new Answer(
                status, json.createObjectNode().put("error_code", code).put("message", message));
    }

    private Answer experimentByName(FakeMlflowServer.Call c) {
        String name = require(c.query().get("experiment_name"), "experiment_name");
        String id = s.experiments.get(name);
        if (id == null) {
            return error(404, "RESOURCE_DOES_NOT_EXIST", "no experiment " + name);
        }
        ObjectNode body = json.createObjectNode();
        body.putObject("experiment").put("experiment_id", id).put("name", name).put("lifecycle_stage", "active");
        return ok(body);
    }

    private Answer createExperiment(JsonNode b) {
        String name = text(b, "name");
        if (s.experiments.containsKey(name)) {
            return error(400, "RESOURCE_ALREADY_EXISTS", "experiment " + name + " exists");
        }
        String id = String.valueOf(s.experiments.size() + 1);
        s.experiments.put(name, id);
        return ok(json.createObjectNode().put("experiment_id", id));
    }

    private Answer createRun(JsonNode b) {
        String experimentId = text(b, "experiment_id");
        check(s.experiments.containsValue(experimentId), "unknown experiment_id " + experimentId);
        FakeMlflowServer.Run run = new FakeMlflowServer.Run("r" + (s.runs.size() + 1), experimentId);
        run.startTime = int64(b, "start_time");
        run.name = b.path("run_name").asText("");
        for (JsonNode t : b.path("tags")) {
            run.tags.put(text(t, "key"), text(t, "value"));
        }
        s.runs.put(run.id, run);
        ObjectNode body = json.createObjectNode();
        body.putObject("run")
                .putObject("info")
                .put("run_id", run.id)
                .put("run_uuid", run.id)
                .put("experiment_id", experimentId)
                .put("status", run.status)
                .put("start_time", String.valueOf(run.startTime));
        return ok(body);
    }

    private FakeMlflowServer.Run run(JsonNode b) {
        String id = b.hasNonNull("run_id") ? text(b, "run_id") : text(b, "run_uuid");
        FakeMlflowServer.Run run = s.runs.get(id);
        check(run != null, "unknown run " + id);
        return run;
    }

    private Answer logBatch(JsonNode b) {
        FakeMlflowServer.Run run = run(b);
        for (JsonNode p : b.path("params")) {
            String key = text(p, "key");
            check(!run.params.containsKey(key), "param " + key + " logged twice");
            run.params.put(key, text(p, "value"));
        }
        for (JsonNode m : b.path("metrics")) {
            metric(run, m);
        }
        for (JsonNode t : b.path("tags")) {
            run.tags.put(text(t, "key"), text(t, "value"));
        }
        return ok(json.createObjectNode());
    }

    private void metric(FakeMlflowServer.Run run, JsonNode m) {
        check(m.path("value").isNumber(), "metric value must be a number: " + m);
        int64(m, "timestamp");
        if (m.has("step")) {
            int64(m, "step");
        }
        run.metrics.put(text(m, "key"), m.path("value").asDouble());
        run.metricTimes.put(text(m, "key"), int64(m, "timestamp"));
    }

    private Answer updateRun(JsonNode b) {
        FakeMlflowServer.Run run = run(b);
        String status = text(b, "status");
        check(STATUSES.contains(status), "unknown status " + status);
        run.status = status;
        run.endTime = int64(b, "end_time");
        ObjectNode body = json.createObjectNode();
        body.putObject("run_info").put("run_id", run.id).put("status", status);
        return ok(body);
    }

    private Answer logMetric(JsonNode b) {
        metric(run(b), b);
        return ok(json.createObjectNode());
    }

    private Answer searchRuns(JsonNode b) {
        check(b.path("experiment_ids").isArray(), "experiment_ids must be an array");
        Matcher m = TAG_FILTER.matcher(text(b, "filter"));
        check(m.matches(), "unexpected filter " + b.path("filter"));
        ObjectNode body = json.createObjectNode();
        ArrayNode found = body.putArray("runs");
        for (FakeMlflowServer.Run r : s.runs.values()) {
            if (m.group(2).equals(r.tags.get(m.group(1)))) {
                found.addObject().putObject("info").put("run_id", r.id).put("experiment_id", r.experimentId);
            }
        }
        return ok(body);
    }

    private Answer createModel(JsonNode b) {
        String name = text(b, "name");
        if (s.registeredModels.contains(name)) {
            return error(400, "RESOURCE_ALREADY_EXISTS", "Registered Model (name=" + name + ") already exists.");
        }
        s.registeredModels.add(name);
        ObjectNode body = json.createObjectNode();
        body.putObject("registered_model").put("name", name);
        return ok(body);
    }

    private Answer createVersion(JsonNode b) {
        String name = text(b, "name");
        check(s.registeredModels.contains(name), "no registered model " + name);
        text(b, "source");
        if (b.has("run_id")) {
            run(b);
        }
        for (JsonNode t : b.path("tags")) {
            text(t, "key");
            text(t, "value");
        }
        ObjectNode version = ((ObjectNode) b.deepCopy()).put("version", String.valueOf(s.versions.size() + 1));
        s.versions.add(version);
        ObjectNode body = json.createObjectNode();
        body.set("model_version", version);
        return ok(body);
    }

    private Answer searchVersions(FakeMlflowServer.Call c) {
        Matcher m = NAME_FILTER.matcher(require(c.query().get("filter"), "filter"));
        check(m.matches(), "unexpected filter " + c.query().get("filter"));
        ObjectNode body = json.createObjectNode();
        ArrayNode found = body.putArray("model_versions");
        s.versions.stream()
                .filter(v -> m.group(1).equals(v.path("name").asText()))
                .forEach(found::add);
        return ok(body);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        check(v != null && v.isTextual() && !v.asText().isEmpty(), field + " must be a non-empty string: " + node);
        return v.asText();
    }

    /** An int64 field, as proto3 JSON writes it (a string of digits) or as a plain number. */
    private static long int64(JsonNode node, String field) {
        JsonNode v = node.get(field);
        check(
                v != null
                        && (v.isIntegralNumber() || (v.isTextual() && v.asText().matches("-?\\d+"))),
                field + " must be an int64: " + node);
        return v.asLong();
    }

    private static String require(String value, String name) {
        check(value != null && !value.isEmpty(), name + " is required");
        return value;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
