package io.kubemate.app;

import io.kubemate.app.config.KubemateConfig;
import io.kubemate.app.config.Setting;
import io.kubemate.core.error.KubemateException;
import io.kubemate.core.rca.RcaTopics;
import io.kubemate.core.telemetry.TelemetryTopics;
import io.kubemate.core.topic.Topics;
import io.kubemate.ingest.otlp.OtlpKafkaDecoder;
import io.kubemate.ingest.pull.PullSettings;
import io.kubemate.rag.embed.AuditedEmbedder;
import io.kubemate.rag.embed.Embedder;
import io.kubemate.rag.embed.LazyEmbedder;
import io.kubemate.rag.embed.MiniLmEmbedder;
import io.kubemate.rag.embed.OllamaEmbedder;
import io.kubemate.rag.model.PromptListener;
import io.kubemate.rag.model.SummaryModelSettings;
import io.kubemate.rag.redact.PiiKind;
import io.kubemate.rag.store.LuceneVectorStore;
import io.kubemate.rag.store.MilvusSettings;
import io.kubemate.rag.store.MilvusVectorStore;
import io.kubemate.rag.store.VectorStore;
import io.kubemate.rag.track.LocalModelTracker;
import io.kubemate.rag.track.MlflowModelTracker;
import io.kubemate.rag.track.MlflowSettings;
import io.kubemate.rag.track.ModelTracker;
import io.kubemate.slack.SlackSettings;
import io.kubemate.slack.message.ChannelRule;
import io.kubemate.streams.CorrelationSettings;
import io.kubemate.streams.evidence.EvidenceSettings;
import io.kubemate.streams.graph.ServiceGraphSettings;
import io.kubemate.streams.rca.RcaSettings;
import io.kubemate.streams.telemetry.OtlpDecoders;
import io.kubemate.webhooks.http.HttpSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Maps the configuration ({@link KubemateConfig}) to each module's settings and adapters: what {@link Kubemate} wires,
 * kept apart so that the composition root reads as the order things start in.
 */
final class KubemateSettings {
    /** The service graph window is counted in this many slices (the default 5 min in 30 s slices). */
    private static final int GRAPH_SLICES = 10;

    private KubemateSettings() {}

    /** Slack: on when {@code KUBEMATE_SLACK_BOT_TOKEN} is set. */
    static SlackSettings slackSettings(
            KubemateConfig config, String bootstrapServers, Topics topics, Map<String, String> clientConfig) {
        return new SlackSettings(
                config.string(Setting.SLACK_BOT_TOKEN),
                config.string(Setting.SLACK_CHANNEL),
                ChannelRule.parse(config.string(Setting.SLACK_ROUTES)),
                config.string(Setting.SLACK_SIGNING_SECRET),
                config.string(Setting.SLACK_API_URL),
                config.string(Setting.ALERTMANAGER_URL),
                config.string(Setting.PUBLIC_URL),
                config.string(Setting.GRAFANA_URL),
                config.string(Setting.LOKI_URL),
                config.string(Setting.JAEGER_URL),
                bootstrapServers,
                topics.incidents().name(),
                SlackSettings.DEFAULT_MESSAGES_TOPIC,
                config.string(Setting.APPLICATION_ID) + "-slack",
                null,
                null,
                clientConfig);
    }

    /** Milvus when {@code KUBEMATE_MILVUS_URI} is set, else Lucene under {@code <data>/memory/<embedding model>}. */
    static VectorStore vectorStore(KubemateConfig config, Path dataDir, Embedder embedder) {
        String uri = config.string(Setting.MILVUS_URI);
        if (!uri.isBlank()) {
            return new MilvusVectorStore(
                    MilvusSettings.of(uri, config.string(Setting.MILVUS_TOKEN), embedder.dimension())
                            .withCollection(config.string(Setting.MILVUS_COLLECTION)));
        }
        return LuceneVectorStore.open(
                dataDir.resolve("memory").resolve(embedder.modelName().replaceAll("[^A-Za-z0-9._-]", "_")),
                embedder.dimension());
    }

    /** The personal data replaced in prompts besides secrets ({@code KUBEMATE_REDACT_PII}). */
    static Set<PiiKind> piiKinds(KubemateConfig config) {
        Set<PiiKind> kinds = EnumSet.noneOf(PiiKind.class);
        config.list(Setting.REDACT_PII).forEach(kind -> kinds.add(PiiKind.valueOf(kind.toUpperCase(Locale.ROOT))));
        return kinds;
    }

    /**
     * The embedding model as configured, loaded on first use (an instance that never retrieves never loads it): the
     * in-process MiniLM (int8 by default) or an Ollama embedding model.
     */
    static Embedder embedder(KubemateConfig config, PromptListener audit) {
        String name = config.string(Setting.EMBEDDING_MODEL);
        if (name.startsWith("ollama:")) {
            String url = config.string(Setting.LLM_URL).isBlank()
                    ? SummaryModelSettings.DEFAULT_OLLAMA_URL
                    : config.string(Setting.LLM_URL);
            // the texts leave the process: audited like prompts
            return new AuditedEmbedder(
                    new OllamaEmbedder(
                            url,
                            name.substring("ollama:".length()),
                            config.integer(Setting.EMBEDDING_DIMENSION),
                            config.duration(Setting.LLM_TIMEOUT)),
                    audit);
        }
        boolean quantized = name.equals("all-minilm-l6-v2-q");
        return new LazyEmbedder(name, MiniLmEmbedder.DIMENSION, () -> MiniLmEmbedder.open(quantized, 2));
    }

    /** Model tracking: in the data dir, mirrored to MLflow when {@code KUBEMATE_MLFLOW_URI} is set. */
    static ModelTracker modelTracker(KubemateConfig config, Path dataDir) {
        ModelTracker local = new LocalModelTracker(dataDir);
        String uri = config.string(Setting.MLFLOW_URI);
        return uri.isBlank()
                ? local
                : new MlflowModelTracker(MlflowSettings.of(uri, config.string(Setting.MLFLOW_TOKEN)), local);
    }

    /** The summary model as configured: Ollama on localhost unless told otherwise, extractive when it is down. */
    static SummaryModelSettings summaryModelSettings(KubemateConfig config) {
        SummaryModelSettings.Provider provider =
                switch (config.string(Setting.LLM_PROVIDER)) {
                    case "openai" -> SummaryModelSettings.Provider.OPENAI_COMPATIBLE;
                    case "extractive" -> SummaryModelSettings.Provider.EXTRACTIVE;
                    default -> SummaryModelSettings.Provider.OLLAMA;
                };
        SummaryModelSettings defaults = SummaryModelSettings.defaults();
        return defaults.with(provider, config.string(Setting.LLM_URL), config.string(Setting.LLM_MODEL))
                .withApiKey(config.string(Setting.LLM_API_KEY))
                .withTimeout(config.duration(Setting.LLM_TIMEOUT), defaults.maxRetries());
    }

    /** The summary topics as configured. */
    static RcaTopics rcaTopics(KubemateConfig config) {
        return new RcaTopics(config.string(Setting.TOPIC_RCA_REQUESTS), config.string(Setting.TOPIC_RCA_RESULTS));
    }

    /** Summary requests go out {@code KUBEMATE_RCA_QUIET} after the last material change, at most 6 times that after the first. */
    static RcaSettings rcaSettings(KubemateConfig config) {
        Duration quiet = config.duration(Setting.RCA_QUIET);
        RcaSettings defaults = RcaSettings.defaults();
        return new RcaSettings(quiet, quiet.multipliedBy(6), defaults.tick(), defaults.forgetResolved());
    }

    /** Decoding for the Collector's kafka exporter topics, in the one encoding configured for both. */
    static OtlpDecoders otlpDecoders(TelemetryTopics telemetry) {
        OtlpKafkaDecoder decoder = new OtlpKafkaDecoder(telemetry.otlpEncoding(), Clock.systemUTC());
        return new OtlpDecoders(decoder::decodeSpans, decoder::decodeLogs);
    }

    /** The pull enrichers as configured: each backend is off unless its URL is set. */
    static PullSettings pullSettings(KubemateConfig config) {
        return PullSettings.builder()
                .lokiUrl(config.optionalString(Setting.LOKI_URL).orElse(""))
                .jaegerUrl(config.optionalString(Setting.JAEGER_URL).orElse(""))
                .prometheusUrl(config.optionalString(Setting.PROMETHEUS_URL).orElse(""))
                .build();
    }

    /** The telemetry topics as configured: what the receivers write, the streams and the evidence side read. */
    static TelemetryTopics telemetryTopics(KubemateConfig config) {
        return new TelemetryTopics(
                config.string(Setting.TOPIC_LOGS),
                config.string(Setting.TOPIC_SPANS),
                config.string(Setting.TOPIC_CHANGES),
                config.string(Setting.TOPIC_SERVICE_GRAPH),
                config.string(Setting.TOPIC_EVIDENCE),
                config.string(Setting.OTLP_SPANS_TOPIC),
                config.string(Setting.OTLP_LOGS_TOPIC),
                config.string(Setting.OTLP_ENCODING));
    }

    /** The correlation as configured; an empty partition-by means the default for the group-by labels. */
    static CorrelationSettings correlationSettings(KubemateConfig config) {
        CorrelationSettings defaults = CorrelationSettings.defaults();
        List<String> groupBy = config.list(Setting.GROUP_BY);
        List<String> partitionBy = config.list(Setting.PARTITION_BY);
        return new CorrelationSettings(
                groupBy,
                config.duration(Setting.CORRELATION_WINDOW),
                config.duration(Setting.RESOLVE_AFTER),
                config.duration(Setting.FLAP_WINDOW),
                defaults.emitInterval(),
                defaults.timelineLimit(),
                config.list(Setting.SERVICE_LABELS),
                defaults.punctuateInterval(),
                partitionBy.isEmpty() ? CorrelationSettings.defaultPartitionBy(groupBy) : partitionBy,
                config.list(Setting.TOPOLOGY_LABELS));
    }

    /** The evidence settings as configured: lead and baseline; labels from the correlation; the rest defaults. */
    static EvidenceSettings evidenceSettings(KubemateConfig config, CorrelationSettings correlation) {
        EvidenceSettings defaults =
                EvidenceSettings.defaults(correlation.serviceLabels(), correlation.topologyLabels());
        return new EvidenceSettings(
                defaults.interval(),
                defaults.refresh(),
                config.duration(Setting.EVIDENCE_LEAD),
                config.duration(Setting.EVIDENCE_BASELINE),
                defaults.keepResolved(),
                defaults.serviceLabels(),
                defaults.topologyLabels(),
                defaults.maxServices(),
                defaults.logTemplatesPerService(),
                defaults.maxLogTemplates(),
                defaults.maxChanges());
    }

    /** The service graph as configured: its window (in ten slices) and edge expiry; the rest defaults. */
    static ServiceGraphSettings serviceGraphSettings(KubemateConfig config) {
        ServiceGraphSettings defaults = ServiceGraphSettings.defaults();
        Duration window = config.duration(Setting.SERVICE_GRAPH_WINDOW);
        return new ServiceGraphSettings(
                window,
                window.dividedBy(GRAPH_SLICES),
                defaults.publishInterval(),
                config.duration(Setting.SERVICE_GRAPH_EXPIRE_AFTER),
                defaults.traceTtl(),
                defaults.clientGrace());
    }

    /** The HTTP edge as configured. */
    static HttpSettings httpSettings(KubemateConfig config) {
        return new HttpSettings(
                config.string(Setting.HTTP_HOST),
                config.integer(Setting.HTTP_PORT),
                config.size(Setting.MAX_BODY_BYTES),
                config.optionalString(Setting.WEBHOOK_TOKEN),
                config.optionalString(Setting.API_TOKEN),
                Duration.ofSeconds(3),
                io.kubemate.webhooks.http.ApiTokens.parse(config.string(Setting.API_TOKENS)));
    }

    /** Extra Kafka client settings from {@code KUBEMATE_KAFKA_CLIENT_CONFIG} (a properties file), empty without it. */
    static Map<String, String> clientConfig(KubemateConfig config) {
        Optional<Path> file = config.path(Setting.KAFKA_CLIENT_CONFIG);
        if (file.isEmpty()) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file.get())) {
            properties.load(reader);
        } catch (IOException e) {
            throw new KubemateException("cannot read " + Setting.KAFKA_CLIENT_CONFIG.envName() + " " + file.get(), e);
        }
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return Map.copyOf(map);
    }
}
