package io.kubemate.app.evidence;

import io.kubemate.core.evidence.EvidenceView;
import io.kubemate.core.evidence.ServiceGraphView;
import io.kubemate.core.incident.IncidentView;
import io.kubemate.core.redact.Redactor;
import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.core.telemetry.TelemetryTopics;
import io.kubemate.ingest.pull.EnrichmentService;
import io.kubemate.ingest.pull.PullSettings;
import io.kubemate.streams.evidence.ChangeBuffer;
import io.kubemate.streams.evidence.EvidenceAssembler;
import io.kubemate.streams.evidence.EvidenceSettings;
import io.kubemate.streams.evidence.KafkaEvidencePublisher;
import io.kubemate.streams.evidence.LogEvidenceSource;
import io.kubemate.streams.evidence.LogTemplateItems;
import io.kubemate.streams.evidence.TelemetryIntake;
import io.kubemate.streams.evidence.TraceEvidenceItems;
import io.kubemate.streams.templates.LogTemplateIndex;
import io.kubemate.streams.traces.TraceBuffer;
import io.kubemate.streams.view.KafkaEvidenceView;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evidence side of one Kubemate instance (ADR 0007): telemetry buffers fed from Kafka, the pull enrichers, the
 * assembler thread, the publisher and the evidence view the API reads. {@link #start()} starts them in order;
 * {@link #close()} stops them in reverse.
 */
public final class EvidencePipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EvidencePipeline.class);
    /** How far back the buffers are refilled from the topics on start. */
    public static final Duration LOOKBACK = Duration.ofHours(3);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final String bootstrapServers;
    private final TelemetryTopics topics;
    private final Map<String, String> clientConfig;
    private final IncidentView incidents;
    private final ServiceGraphView graph;
    private final PullSettings pullSettings;
    private final EvidenceSettings settings;
    private final LogTemplates logs;
    private KafkaEvidenceView view;
    private TelemetryIntake intake;

    /**
     * The log side: a sink for pushed log entries plus a source of log template evidence over them, and a factory of
     * such sources over a batch of pulled lines.
     */
    public interface LogTemplates {
        Consumer<LogEntry> sink();

        LogEvidenceSource source();

        Function<List<LogEntry>, LogEvidenceSource> overBatch();

        /** Template miners per service in memory ({@link LogTemplateIndex}), lines redacted in excerpts. */
        static LogTemplates inMemory() {
            Redactor redactor = new Redactor();
            LogTemplateIndex pushed = new LogTemplateIndex(redactor);
            return new LogTemplates() {
                @Override
                public Consumer<LogEntry> sink() {
                    return pushed::add;
                }

                @Override
                public LogEvidenceSource source() {
                    return LogTemplateItems.from(pushed, "loki-push");
                }

                @Override
                public Function<List<LogEntry>, LogEvidenceSource> overBatch() {
                    return lines -> {
                        LogTemplateIndex batch = new LogTemplateIndex(redactor);
                        lines.forEach(batch::add);
                        return LogTemplateItems.from(batch, "loki-query");
                    };
                }
            };
        }
    }

    public EvidencePipeline(
            String bootstrapServers,
            TelemetryTopics topics,
            Map<String, String> clientConfig,
            IncidentView incidents,
            ServiceGraphView graph,
            PullSettings pullSettings,
            EvidenceSettings settings,
            LogTemplates logs) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.clientConfig = clientConfig;
        this.incidents = incidents;
        this.graph = graph;
        this.pullSettings = pullSettings;
        this.settings = settings;
        this.logs = logs;
    }

    /** Starts the view, the intake, the enrichers and the assembler. */
    public EvidencePipeline start() {
        view = new KafkaEvidenceView(bootstrapServers, topics.evidence(), clientConfig);
        started.push(view);
        view.start();

        TraceBuffer traces = TraceBuffer.defaults();
        ChangeBuffer changes = ChangeBuffer.defaults();
        intake = new TelemetryIntake(
                bootstrapServers, topics, LOOKBACK, logs.sink(), traces::add, changes::add, clientConfig);
        started.push(intake);
        intake.start();

        EnrichmentService enrichment = new EnrichmentService(pullSettings, new Redactor()::redact);
        started.push(enrichment);
        if (enrichment.isEnabled()) {
            LOG.info("pull enrichers on: {}", enrichment.circuitStates().keySet());
        }

        KafkaEvidencePublisher publisher =
                new KafkaEvidencePublisher(bootstrapServers, topics.evidence(), clientConfig, view::put);
        started.push(publisher);

        EvidenceAssembler assembler = new EvidenceAssembler(
                incidents,
                view,
                logs.source(),
                TraceEvidenceItems.from(traces, "otlp"),
                changes,
                graph,
                new PulledEvidence(enrichment, logs.overBatch(), settings.logTemplatesPerService()),
                publisher,
                Clock.systemUTC(),
                settings);
        started.push(assembler);
        assembler.start();
        return this;
    }

    /** The evidence the API shows. */
    public EvidenceView view() {
        return view;
    }

    /** Whether the evidence view and the telemetry buffers have caught up with their topics. */
    public boolean isCaughtUp() {
        return view != null && view.isCaughtUp() && intake != null && intake.isCaughtUp();
    }

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
