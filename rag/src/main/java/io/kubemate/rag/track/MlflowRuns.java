package io.kubemate.rag.track;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemate.core.topic.JsonSerde;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.mlflow.api.proto.ModelRegistry.ModelVersion;
import org.mlflow.api.proto.ModelRegistry.ModelVersionTag;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;

/**
 * The MLflow calls of {@link MlflowModelTracker}, made on its one worker thread (so not thread-safe). Remembers the
 * experiment id, the combinations already registered and the run of recent summaries.
 */
final class MlflowRuns {
    static final String TAG_INCIDENT = "kubemate.incident_id";
    static final String TAG_SUMMARY = "kubemate.summary_id";
    static final String TAG_PROMPT = "promptVersion";
    static final String TAG_EMBEDDING = "embeddingModel";

    private static final int RECENT_SUMMARIES = 10_000;
    // summary ids that can go into a search filter between single quotes as they are
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1,200}");

    private final MlflowClient client;
    private final MlflowSettings settings;
    private final ObjectMapper json = JsonSerde.newMapper();
    private final Set<ModelKey> registered = new HashSet<>();
    private final Map<String, String> runOfSummary = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > RECENT_SUMMARIES;
        }
    };
    private String experimentId;
    private boolean modelCreated;

    MlflowRuns(MlflowClient client, MlflowSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    void send(SummaryRun run) {
        String runId = createRun(run);
        runOfSummary.put(run.summaryId(), runId);
        long at = run.time().toEpochMilli();
        client.logBatch(runId, metrics(run, at), params(run), List.of());
        client.setTerminated(runId, RunStatus.FINISHED, at);
        register(run, runId);
    }

    void rate(String summaryId, boolean helpful, Instant at) {
        String runId = runOfSummary.get(summaryId);
        if (runId == null) {
            runId = findRun(summaryId).orElseThrow(() -> new MlflowClientException("no run for summary " + summaryId));
        }
        client.logMetric(runId, "helpful", helpful ? 1 : 0, at.toEpochMilli(), 0);
    }

    private String experimentId() {
        if (experimentId == null) {
            experimentId = client.getExperimentByName(settings.experiment())
                    .map(e -> e.getExperimentId())
                    .orElseGet(() -> client.createExperiment(settings.experiment()));
        }
        return experimentId;
    }

    private String createRun(SummaryRun run) {
        CreateRun request = CreateRun.newBuilder()
                .setExperimentId(experimentId())
                .setRunName("summary-" + run.summaryId())
                .setStartTime(run.time().toEpochMilli() - run.latencyMs())
                .addTags(tag(TAG_INCIDENT, run.incidentId()))
                .addTags(tag(TAG_SUMMARY, run.summaryId()))
                .addTags(tag("grounding", run.grounding().name().toLowerCase()))
                .addAllTags(
                        run.fallbackReason().isEmpty()
                                ? List.of()
                                : List.of(tag("fallback_reason", run.fallbackReason())))
                .build();
        return client.createRun(request).getRunId();
    }

    private static RunTag tag(String key, String value) {
        return RunTag.newBuilder().setKey(key).setValue(value).build();
    }

    private static List<Param> params(SummaryRun run) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("model", run.modelName());
        p.put("digest", run.modelDigest());
        p.put("promptVersion", run.promptVersion());
        p.put("embeddingModel", run.embeddingModel());
        p.put("kind", run.kind().name().toLowerCase());
        List<Param> out = new ArrayList<>();
        // MLflow refuses nothing here, but an empty param only clutters its UI
        p.forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.add(Param.newBuilder().setKey(k).setValue(v).build());
            }
        });
        return out;
    }

    private static List<Metric> metrics(SummaryRun run, long at) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("latency_ms", (double) run.latencyMs());
        m.put("prompt_tokens", (double) run.promptTokens());
        m.put("completion_tokens", (double) run.completionTokens());
        m.put("top_retrieval_score", run.topRetrievalScore());
        m.put("grounded", run.grounding().isGrounded() ? 1.0 : 0.0);
        List<Metric> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(Metric.newBuilder()
                .setKey(k)
                .setValue(v)
                .setTimestamp(at)
                .setStep(0)
                .build()));
        return out;
    }

    /** One version per combination, found again after a restart by its source and tags. */
    private void register(SummaryRun run, String runId) {
        ModelKey key = run.key();
        if (registered.contains(key)) {
            return;
        }
        if (!modelCreated) {
            createIgnoringExisting("registered-models/create", object().put("name", settings.registeredModel()));
            modelCreated = true;
        }
        String source = source(run);
        if (!hasVersion(key, source)) {
            ObjectNode body = object().put("name", settings.registeredModel())
                    .put("source", source)
                    .put("run_id", runId)
                    .put("description", "summaries by " + key.name() + " with prompt " + key.promptVersion());
            ArrayNode tags = body.putArray("tags");
            tags.addObject().put("key", TAG_PROMPT).put("value", key.promptVersion());
            tags.addObject().put("key", TAG_EMBEDDING).put("value", key.embeddingModel());
            tags.addObject().put("key", "kind").put("value", run.kind().name().toLowerCase());
            client.sendPost("model-versions/create", text(body));
        }
        registered.add(key);
    }

    static String source(SummaryRun run) {
        String scheme = run.kind() == SummaryKind.EXTRACTIVE ? "extractive://" : "ollama://";
        return scheme + run.modelName() + (run.modelDigest().isEmpty() ? "" : "@" + run.modelDigest());
    }

    private boolean hasVersion(ModelKey key, String source) {
        List<ModelVersion> versions = client.searchModelVersions("name='" + settings.registeredModel() + "'")
                .getItems();
        for (ModelVersion v : versions) {
            Map<String, String> tags = new LinkedHashMap<>();
            for (ModelVersionTag t : v.getTagsList()) {
                tags.put(t.getKey(), t.getValue());
            }
            if (v.getSource().equals(source)
                    && key.promptVersion().equals(tags.getOrDefault(TAG_PROMPT, ""))
                    && key.embeddingModel().equals(tags.getOrDefault(TAG_EMBEDDING, ""))) {
                return true;
            }
        }
        return false;
    }

    private void createIgnoringExisting(String path, ObjectNode body) {
        try {
            client.sendPost(path, text(body));
        } catch (MlflowHttpException e) {
            if (e.getStatusCode() != 400 || !String.valueOf(e.getBodyMessage()).contains("RESOURCE_ALREADY_EXISTS")) {
                throw e;
            }
        }
    }

    private Optional<String> findRun(String summaryId) {
        if (!PLAIN_ID.matcher(summaryId).matches()) {
            return Optional.empty();
        }
        List<Run> found = client.searchRuns(
                        List.of(experimentId()),
                        "tags.`" + TAG_SUMMARY + "` = '" + summaryId + "'",
                        ViewType.ACTIVE_ONLY,
                        1)
                .getItems();
        return found.isEmpty()
                ? Optional.empty()
                : Optional.of(found.get(0).getInfo().getRunId());
    }

    private ObjectNode object() {
        return json.createObjectNode();
    }

    private String text(ObjectNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new MlflowClientException("cannot write " + node, e);
        }
    }
}
