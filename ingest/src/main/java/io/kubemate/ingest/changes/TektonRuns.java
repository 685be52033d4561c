package io.kubemate.ingest.changes;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.telemetry.ChangeEvent;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Tekton's CloudEvents ({@code dev.tekton.event.<pipelinerun|taskrun|customrun>.<state>.v1}, data
 * {@code {"pipelineRun": {...}}} or {@code {"taskRun": {...}}}, subject the run's name, source its API path) as
 * change events of kind {@code pipeline-run} / {@code task-run}.
 *
 * <p>The service is the run's {@code app.kubernetes.io/name} or {@code app} label, else a {@code service} / {@code app}
 * parameter, else the {@code tekton.dev/pipeline} or {@code tekton.dev/task} label, else the referenced pipeline or
 * task, else the run's name. The version is a result, else a parameter, named like a version ({@code version},
 * {@code image-tag}, {@code revision}, {@code commit}, ...), else the {@code app.kubernetes.io/version} label.
 */
final class TektonRuns {
    static final String TYPE_PREFIX = "dev.tekton.event.";

    /** Parameter and result names taken as the version, in order of preference (compared without - and _). */
    private static final List<String> VERSION_NAMES = List.of(
            "version",
            "appversion",
            "releaseversion",
            "imagetag",
            "tag",
            "gitrevision",
            "revision",
            "commitsha",
            "commit",
            "imagedigest");

    private static final List<String> SERVICE_PARAMS = List.of("service", "servicename", "app", "appname");
    private static final List<String> AUTHOR_PARAMS = List.of("author", "gitauthor", "sender", "triggeredby");

    private TektonRuns() {}

    static boolean isTekton(CloudEvent event) {
        return event.type().startsWith(TYPE_PREFIX);
    }

    static ChangeEvent map(CloudEvent event, Instant now) {
        String[] parts = event.type().substring(TYPE_PREFIX.length()).split("\\.");
        String resource = parts.length > 0 ? parts[0] : "";
        String state = parts.length > 1 ? parts[1] : "";
        JsonNode data = event.data();
        JsonNode run = runOf(data);
        if (run == null) {
            throw new InvalidInputException(
                    event.dataAt().isEmpty() ? "/" : event.dataAt(),
                    "a Tekton event needs data with \"pipelineRun\", \"taskRun\" or \"customRun\"");
        }
        JsonNode metadata = ChangeJson.object(run, "metadata");
        JsonNode labels = ChangeJson.object(metadata, "labels");
        JsonNode spec = ChangeJson.object(run, "spec");
        JsonNode status = ChangeJson.object(run, "status");
        JsonNode params = spec == null ? null : spec.get("params");
        JsonNode results = results(status);

        String service = firstNonEmpty(
                label(labels, "app.kubernetes.io/name"),
                label(labels, "app"),
                named(params, SERVICE_PARAMS),
                label(labels, "tekton.dev/pipeline"),
                label(labels, "tekton.dev/task"),
                refName(spec, "pipelineRef"),
                refName(spec, "taskRef"),
                event.subject(),
                label(metadata, "name"));
        if (service.isEmpty()) {
            throw new InvalidInputException(
                    event.dataAt().isEmpty() ? "/" : event.dataAt(), "the Tekton run names no service");
        }
        return new ChangeEvent(
                event.id(),
                service,
                firstNonEmpty(
                        named(results, VERSION_NAMES),
                        named(params, VERSION_NAMES),
                        label(labels, "app.kubernetes.io/version")),
                resource.replace("run", "-run"),
                firstTime(
                        event.time(),
                        time(status, "completionTime"),
                        time(status, "startTime"),
                        time(metadata, "creationTimestamp"),
                        now),
                "",
                named(params, AUTHOR_PARAMS),
                event.source(),
                outcome(state));
    }

    private static JsonNode runOf(JsonNode data) {
        if (data == null || !data.isObject()) {
            return null;
        }
        for (String key : List.of("pipelineRun", "taskRun", "customRun")) {
            JsonNode run = ChangeJson.object(data, key);
            if (run != null) {
                return run;
            }
        }
        return null;
    }

    /** v1 {@code results}, v1beta1 {@code pipelineResults} / {@code taskResults}. */
    private static JsonNode results(JsonNode status) {
        if (status == null) {
            return null;
        }
        for (String key : List.of("results", "pipelineResults", "taskResults")) {
            JsonNode results = status.get(key);
            if (results != null && results.isArray()) {
                return results;
            }
        }
        return null;
    }

    /** The string value of the first {@code {name, value}} whose name is in {@code names}, in their order. */
    private static String named(JsonNode pairs, List<String> names) {
        if (pairs == null || !pairs.isArray()) {
            return "";
        }
        for (String wanted : names) {
            for (JsonNode pair : pairs) {
                String name = pair.path("name").asText("");
                JsonNode value = pair.get("value");
                if (normalized(name).equals(wanted) && value != null && value.isTextual()) {
                    String text = value.asText().strip();
                    if (!text.isEmpty() && text.length() <= ChangeJson.MAX_TEXT) {
                        return text;
                    }
                }
            }
        }
        return "";
    }

    private static String normalized(String name) {
        return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
    }

    private static String label(JsonNode map, String key) {
        JsonNode value = map == null ? null : map.get(key);
        return value != null && value.isTextual() && value.asText().length() <= ChangeJson.MAX_TEXT
                ? value.asText().strip()
                : "";
    }

    private static String refName(JsonNode spec, String ref) {
        return label(ChangeJson.object(spec, ref), "name");
    }

    private static Instant time(JsonNode node, String key) {
        String text = label(node, key);
        try {
            return text.isEmpty() ? null : ChangeJson.time(text, key);
        } catch (InvalidInputException e) {
            // a status time Tekton itself wrote; an odd one only loses precision, not the event
            return null;
        }
    }

    private static String outcome(String state) {
        return switch (state) {
            case "successful" -> "succeeded";
            case "failed" -> "failed";
            case "started" -> "started";
            case "running" -> "running";
            default -> state.isEmpty() ? "" : "unknown";
        };
    }

    private static String firstNonEmpty(String... values) {
        for (String value : values) {
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return "";
    }

    private static Instant firstTime(Instant... times) {
        for (Instant time : times) {
            if (time != null) {
                return time;
            }
        }
        throw new IllegalStateException("the last candidate is always present");
    }
}
