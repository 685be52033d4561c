package io.kubemate.app;

import io.kubemate.app.broker.EmbeddedBroker;
import io.kubemate.app.config.KubemateConfig;
import io.kubemate.app.config.Setting;
import io.kubemate.app.evidence.EvidencePipeline;
import io.kubemate.app.kafka.TopicProvisioner;
import io.kubemate.app.observe.MeteredModelTracker;
import io.kubemate.app.observe.RuntimeMetrics;
import io.kubemate.core.evidence.EvidenceView;
import io.kubemate.core.incident.IncidentView;
import io.kubemate.core.rca.ModelTracking;
import io.kubemate.core.rca.ModelUsage;
import io.kubemate.core.rca.RcaTopics;
import io.kubemate.core.rca.SummaryView;
import io.kubemate.core.telemetry.TelemetryTopics;
import io.kubemate.core.topic.TopicSettings;
import io.kubemate.core.topic.Topics;
import io.kubemate.ingest.alertmanager.AlertmanagerWebhookParser;
import io.kubemate.ingest.kafka.KafkaEventWriter;
import io.kubemate.ingest.kafka.KafkaTelemetryWriter;
import io.kubemate.ingest.kafka.ProducerSettings;
import io.kubemate.rag.embed.Embedder;
import io.kubemate.rag.memory.IncidentMemory;
import io.kubemate.rag.memory.IncidentText;
import io.kubemate.rag.memory.MemoryIndexer;
import io.kubemate.rag.memory.MemorySettings;
import io.kubemate.rag.memory.RunbookSettings;
import io.kubemate.rag.memory.Runbooks;
import io.kubemate.rag.model.SummaryModel;
import io.kubemate.rag.model.SummaryModels;
import io.kubemate.rag.redact.PiiKind;
import io.kubemate.rag.redact.PromptAuditLog;
import io.kubemate.rag.redact.Pseudonymizer;
import io.kubemate.rag.store.VectorStore;
import io.kubemate.rag.track.ModelTracker;
import io.kubemate.rag.worker.ModelSummarizer;
import io.kubemate.rag.worker.RcaWorkerSettings;
import io.kubemate.rag.worker.RcaWorkers;
import io.kubemate.slack.SlackApp;
import io.kubemate.slack.SlackSettings;
import io.kubemate.streams.CorrelationSettings;
import io.kubemate.streams.KubemateStreams;
import io.kubemate.streams.KubemateTopology;
import io.kubemate.streams.StreamsSettings;
import io.kubemate.streams.view.KafkaIncidentView;
import io.kubemate.streams.view.KafkaServiceGraphView;
import io.kubemate.streams.view.KafkaSummaryView;
import io.kubemate.webhooks.api.IncidentStreamSettings;
import io.kubemate.webhooks.health.ReadinessCheck;
import io.kubemate.webhooks.http.KubemateHttpServer;
import io.kubemate.webhooks.http.Route;
import io.kubemate.webhooks.outbound.DeliveryLog;
import io.kubemate.webhooks.outbound.DeliveryRoutes;
import io.kubemate.webhooks.outbound.OutboundRoutes;
import io.kubemate.webhooks.outbound.OutboundSettings;
import io.kubemate.webhooks.outbound.OutboundWorker;
import io.kubemate.webhooks.outbound.RetryPolicy;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every component from the configuration with {@code new}, starts them in dependency
 * order (broker, topics, writer, streams, view, HTTP) and closes them in reverse order.
 */
public final class Kubemate implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Kubemate.class);

    /** Record cache of the streams state stores; small, since incidents are published on a punctuation anyway. */
    private static final long STATE_CACHE_BYTES = 8L * 1024 * 1024;

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Optional<EmbeddedBroker> broker;
    private final String bootstrapServers;
    private KafkaIncidentView view;
    private KubemateHttpServer http;
    private KubemateStreams streams;
    private EvidenceView evidence;
    private SummaryView summaries = SummaryView.NONE;
    private ModelTracking models = ModelTracking.NONE;

    private Kubemate(Optional<EmbeddedBroker> broker, String bootstrapServers) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
        broker.ifPresent(started::push);
    }

    /** Starts Kubemate as configured, reporting progress lines; on failure, stops what was started and throws. */
    public static Kubemate start(KubemateConfig config, Consumer<String> progress) {
        config.warnings().forEach(LOG::warn);
        Path dataDir = config.path(Setting.DATA_DIR)
                .orElse(Path.of("data"))
                .toAbsolutePath()
                .normalize();
        Map<String, String> clientConfig = KubemateSettings.clientConfig(config);
        Optional<String> external = config.optionalString(Setting.KAFKA_BOOTSTRAP);
        Optional<EmbeddedBroker> broker = external.isPresent()
                ? Optional.empty()
                : Optional.of(EmbeddedBroker.start(
                        new EmbeddedBroker.Settings(
                                dataDir.resolve("kafka"),
                                config.integer(Setting.EMBEDDED_KAFKA_PORT),
                                config.string(Setting.EMBEDDED_KAFKA_HEAP),
                                Duration.ofSeconds(90)),
                        progress));
        String bootstrap = external.orElseGet(() -> broker.orElseThrow().bootstrapServers());
        Kubemate kubemate = new Kubemate(broker, bootstrap);
        try {
            kubemate.startComponents(config, dataDir, clientConfig, progress);
            return kubemate;
        } catch (RuntimeException e) {
            kubemate.close();
            throw e;
        }
    }

    private void startComponents(
            KubemateConfig config, Path dataDir, Map<String, String> clientConfig, Consumer<String> progress) {
        Duration timeout = config.duration(Setting.KAFKA_TIMEOUT);
        PrometheusRegistry registry = new PrometheusRegistry();
        TopicSettings topicSettings = provisionTopics(config, clientConfig, progress);
        Topics topics = Topics.from(topicSettings);

        KafkaEventWriter writer =
                new KafkaEventWriter(new ProducerSettings(bootstrapServers, timeout, clientConfig), topics);
        started.push(writer);

        progress.accept("starting Kafka Streams (exactly-once) ...");
        CorrelationSettings correlation = KubemateSettings.correlationSettings(config);
        TelemetryTopics telemetry = KubemateSettings.telemetryTopics(config);
        RcaTopics rca = KubemateSettings.rcaTopics(config);
        streams = new KubemateStreams(
                streamsSettings(config, dataDir, clientConfig),
                topicSettings,
                new KubemateTopology(
                                topics,
                                correlation,
                                telemetry,
                                KubemateSettings.serviceGraphSettings(config),
                                KubemateSettings.otlpDecoders(telemetry))
                        .withRca(rca, KubemateSettings.rcaSettings(config)));
        started.push(streams);
        streams.start();

        view = new KafkaIncidentView(bootstrapServers, topics.incidents(), topics.incidentAlerts(), clientConfig);
        started.push(view);
        view.start();
        RuntimeMetrics.register(registry, streams, view::countByStatus);

        KafkaServiceGraphView serviceGraph =
                new KafkaServiceGraphView(bootstrapServers, telemetry.serviceGraph(), clientConfig);
        started.push(serviceGraph);
        serviceGraph.start();

        KafkaTelemetryWriter telemetryWriter =
                new KafkaTelemetryWriter(new ProducerSettings(bootstrapServers, timeout, clientConfig), telemetry);
        started.push(telemetryWriter);
        RuntimeMetrics.registerProducers(
                registry, Map.of("alerts", writer::metrics, "telemetry", telemetryWriter::metrics));

        EvidencePipeline pipeline = new EvidencePipeline(
                        bootstrapServers,
                        telemetry,
                        clientConfig,
                        view,
                        serviceGraph,
                        KubemateSettings.pullSettings(config),
                        KubemateSettings.evidenceSettings(config, correlation),
                        EvidencePipeline.LogTemplates.inMemory())
                .start();
        started.push(pipeline);
        evidence = pipeline.view();

        KafkaSummaryView summaryView = new KafkaSummaryView(bootstrapServers, rca.results(), clientConfig);
        started.push(summaryView);
        summaryView.start();
        summaries = summaryView;
        ModelTracker tracker = new MeteredModelTracker(KubemateSettings.modelTracker(config, dataDir), registry);
        started.push(tracker);
        models = new ModelTracking() {
            @Override
            public List<ModelUsage> models() {
                return tracker.models();
            }

            @Override
            public void feedback(String incidentId, String summaryId, boolean helpful) {
                tracker.feedback(incidentId, summaryId, helpful);
            }
        };
        int workers = config.integer(Setting.RCA_WORKERS);
        if (workers > 0) {
            // every prompt exactly as sent is audited in <data>/audit/prompts.jsonl
            PromptAuditLog audit =
                    new PromptAuditLog(dataDir.resolve("audit"), PromptAuditLog.DEFAULT_MAX_BYTES, Clock.systemUTC());
            SummaryModel model =
                    SummaryModels.fromConfig(KubemateSettings.summaryModelSettings(config), Clock.systemUTC(), audit);
            Set<PiiKind> pii = KubemateSettings.piiKinds(config);
            Embedder embedder = KubemateSettings.embedder(config, audit);
            if (embedder instanceof AutoCloseable closeable) {
                started.push(closeable);
            }
            VectorStore store = KubemateSettings.vectorStore(config, dataDir, embedder);
            started.push(store);
            // stored and embedded texts: one pseudonymizer per incident, like prompts
            IncidentMemory memory = new IncidentMemory(
                    store,
                    embedder,
                    new IncidentText(() -> new Pseudonymizer(pii)::pseudonymize, IncidentText.DEFAULT_MAX_CHARS),
                    MemorySettings.defaults(),
                    Clock.systemUTC());
            Runbooks runbooks = new Runbooks(
                    store,
                    embedder,
                    text -> new Pseudonymizer(pii).pseudonymize(text),
                    RunbookSettings.of(config.path(Setting.RUNBOOKS_DIR).orElse(null))
                            .withAllowedHosts(Set.copyOf(config.list(Setting.RUNBOOK_HOSTS))),
                    Clock.systemUTC());
            MemoryIndexer indexer = new MemoryIndexer(
                            view, evidence, memory, runbooks, config.duration(Setting.MEMORY_INTERVAL))
                    .start();
            started.push(indexer);
            RcaWorkers rcaWorkers = new RcaWorkers(
                            new RcaWorkerSettings(
                                    bootstrapServers,
                                    rca,
                                    config.string(Setting.APPLICATION_ID) + "-rca",
                                    workers,
                                    Duration.ofSeconds(30),
                                    timeout,
                                    clientConfig),
                            view,
                            evidence,
                            summaryView,
                            new ModelSummarizer(
                                    model,
                                    () -> new Pseudonymizer(pii)::pseudonymize,
                                    memory,
                                    runbooks,
                                    embedder.modelName(),
                                    tracker),
                            summaryView::put)
                    .start();
            started.push(rcaWorkers);
            progress.accept(
                    "summaries by " + model.name() + " (" + workers + " worker" + (workers == 1 ? "" : "s") + ")");
        }

        DeliveryLog deliveries = DeliveryLog.NONE;
        OutboundSettings outbound = outboundSettings(config, topicSettings, clientConfig);
        if (outbound.isEnabled()) {
            OutboundWorker outboundWorker = new OutboundWorker(outbound).start();
            started.push(outboundWorker);
            deliveries = outboundWorker.deliveries();
            progress.accept("outgoing webhooks to " + outbound.routes().size() + " route(s)");
        }
        List<Route> slackRoutes = List.of();
        SlackSettings slack = KubemateSettings.slackSettings(config, bootstrapServers, topics, clientConfig);
        if (slack.isEnabled()) {
            SlackApp slackApp = new SlackApp(slack, view, evidence, summaries, writer, models);
            started.push(slackApp);
            slackApp.start();
            slackRoutes = slackApp.routes();
            RuntimeMetrics.registerSlack(registry, slackApp::queueDepth);
            progress.accept("Slack notifications on");
        }

        ReadinessProbes probes = new ReadinessProbes(writer, streams);
        KubemateHttpServer.Builder edge = KubemateHttpServer.builder(
                        KubemateSettings.httpSettings(config),
                        new AlertmanagerWebhookParser(Clock.systemUTC()),
                        writer,
                        view,
                        writer,
                        registry)
                .readiness(List.<ReadinessCheck>of(probes.kafka(), probes.streams()))
                .serviceGraph(serviceGraph)
                .telemetry(telemetryWriter)
                .evidence(evidence)
                .summaries(summaries)
                .models(models)
                .routes(new DeliveryRoutes(view, deliveries).routes())
                .routes(slackRoutes)
                .apiRateLimit(config.integer(Setting.API_RATE_LIMIT))
                .incidentStream(
                        view,
                        IncidentStreamSettings.defaults().withMaxStreams(config.integer(Setting.HTTP_MAX_STREAMS)));
        config.path(Setting.HTTP_TLS_KEYSTORE)
                .ifPresent(keystore -> edge.tls(new io.kubemate.webhooks.http.TlsSettings(
                        keystore, config.string(Setting.HTTP_TLS_KEYSTORE_PASSWORD))));
        http = edge.build();
        started.push(http);
        http.start();
        progress.accept("HTTP server listening on port " + http.port());
    }

    private TopicSettings provisionTopics(
            KubemateConfig config, Map<String, String> clientConfig, Consumer<String> progress) {
        Map<String, Object> adminConfig = new HashMap<>(clientConfig);
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        Duration timeout = config.duration(Setting.KAFKA_TIMEOUT).plusSeconds(10);
        try (Admin admin = Admin.create(adminConfig)) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, timeout);
            int configured = config.integer(Setting.TOPIC_REPLICATION);
            short replication = (short)
                    (configured > 0 ? configured : broker.isPresent() ? 1 : Math.min(3, provisioner.brokerCount()));
            TopicSettings settings = new TopicSettings(
                    config.string(Setting.TOPIC_ALERTS_RAW),
                    config.string(Setting.TOPIC_INCIDENTS),
                    config.string(Setting.TOPIC_INCIDENT_ALERTS),
                    config.string(Setting.TOPIC_ACTIONS),
                    config.string(Setting.TOPIC_DEAD_LETTER),
                    config.integer(Setting.TOPIC_PARTITIONS),
                    replication);
            List<String> created =
                    new ArrayList<>(provisioner.ensure(Topics.from(settings).all(), replication));
            created.addAll(provisioner.ensureTelemetry(
                    KubemateSettings.telemetryTopics(config),
                    settings.partitions(),
                    replication,
                    config.duration(Setting.TELEMETRY_RETENTION)));
            created.addAll(provisioner.ensureRca(
                    KubemateSettings.rcaTopics(config),
                    settings.partitions(),
                    replication,
                    config.duration(Setting.TELEMETRY_RETENTION)));
            OutboundSettings outbound = outboundSettings(config, settings, clientConfig);
            if (outbound.isEnabled()) {
                created.addAll(provisioner.ensure(outbound.topics(), replication));
            }
            if (!created.isEmpty()) {
                progress.accept("created topics " + String.join(", ", created));
            }
            return settings;
        }
    }

    /** Outgoing webhooks as configured: off without routes; one consumer group per application id. */
    private OutboundSettings outboundSettings(
            KubemateConfig config, TopicSettings topics, Map<String, String> clientConfig) {
        return OutboundSettings.of(
                        bootstrapServers,
                        topics.incidents(),
                        topics.partitions(),
                        config.string(Setting.APPLICATION_ID) + "-outbound",
                        OutboundRoutes.parse(config.string(Setting.OUTBOUND_ROUTES)),
                        config.string(Setting.PUBLIC_URL),
                        clientConfig)
                .withRetry(RetryPolicy.defaults().withMaxAttempts(config.integer(Setting.OUTBOUND_MAX_ATTEMPTS)));
    }

    private StreamsSettings streamsSettings(KubemateConfig config, Path dataDir, Map<String, String> clientConfig) {
        return new StreamsSettings(
                config.string(Setting.APPLICATION_ID),
                bootstrapServers,
                dataDir.resolve("streams"),
                config.duration(Setting.COMMIT_INTERVAL),
                config.integer(Setting.STANDBY_REPLICAS),
                config.integer(Setting.STREAM_THREADS),
                STATE_CACHE_BYTES,
                clientConfig);
    }

    public int httpPort() {
        return http.port();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public IncidentView view() {
        return view;
    }

    /** The root-cause summaries of incidents, as the incident API shows them. */
    public SummaryView summaries() {
        return summaries;
    }

    /** The evidence and probable origins of incidents, as the incident API shows them. */
    public EvidenceView evidence() {
        return evidence;
    }

    /** The embedded broker, when Kubemate started one. */
    public Optional<EmbeddedBroker> embeddedBroker() {
        return broker;
    }

    /** Whether the streams are in state RUNNING (not rebalancing, not failed). */
    public boolean isStreamsRunning() {
        return streams != null && streams.state() == KafkaStreams.State.RUNNING;
    }

    /** Stops every component in reverse start order; never throws. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", component.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
