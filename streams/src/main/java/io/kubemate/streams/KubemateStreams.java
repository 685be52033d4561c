package io.kubemate.streams;

import io.kubemate.core.telemetry.TelemetryTopics;
import io.kubemate.core.topic.TopicSettings;
import io.kubemate.core.topic.Topics;
import io.kubemate.streams.correlation.CorrelationTopology;
import io.kubemate.streams.errors.FailurePolicy;
import io.kubemate.streams.graph.ServiceGraphSettings;
import io.kubemate.streams.telemetry.OtlpDecoders;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * The running Kubemate streams application: {@link KubemateTopology} with exactly-once processing and the failure
 * policy of {@link FailurePolicy}. The constructor does no I/O; {@link #start()} creates the Kafka clients and the
 * local state and returns at once (the application then runs on its own threads). The topics of {@link
 * TopicSettings} must exist; the incidents topic should allow {@link CorrelationTopology#MAX_MESSAGE_BYTES}.
 */
public final class KubemateStreams implements AutoCloseable {
    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** How long the stream thread blocks in {@code poll} when there is nothing to do. */
    static final long POLL_MS = 20;

    private final Topology topology;
    private final Properties properties;
    private KafkaStreams streams;

    public KubemateStreams(StreamsSettings settings, TopicSettings topics, CorrelationSettings correlation) {
        this(settings, topics, correlation, null, null);
    }

    /**
     * With the service graph of {@link KubemateTopology#KubemateTopology(Topics, CorrelationSettings,
     * TelemetryTopics, ServiceGraphSettings)} when {@code telemetry} is not {@code null}; its spans and service-graph
     * topics must exist then.
     */
    public KubemateStreams(
            StreamsSettings settings,
            TopicSettings topics,
            CorrelationSettings correlation,
            TelemetryTopics telemetry,
            ServiceGraphSettings graph) {
        this(settings, topics, correlation, telemetry, graph, null);
    }

    /**
     * The same, and with {@code otlp} also the OTLP Kafka bridge of {@link KubemateTopology#KubemateTopology(Topics,
     * CorrelationSettings, TelemetryTopics, ServiceGraphSettings, OtlpDecoders)}; the Collector's topics it names
     * must exist then.
     */
    public KubemateStreams(
            StreamsSettings settings,
            TopicSettings topics,
            CorrelationSettings correlation,
            TelemetryTopics telemetry,
            ServiceGraphSettings graph,
            OtlpDecoders otlp) {
        this(settings, topics, new KubemateTopology(Topics.from(topics), correlation, telemetry, graph, otlp));
    }

    /** Runs {@code topology} (built on {@code topics}); every topic it names must exist. */
    public KubemateStreams(StreamsSettings settings, TopicSettings topics, KubemateTopology topology) {
        this.topology = topology.build();
        this.properties = properties(settings, topics);
    }

    /**
     * The Kafka Streams properties for {@code settings}: exactly-once v2, the dead-letter handlers, internal topics
     * replicated like {@code topics}, a producer accepting snapshots up to {@link
     * CorrelationTopology#MAX_MESSAGE_BYTES}, then {@link StreamsSettings#extra()} unchanged.
     */
    public static Properties properties(StreamsSettings settings, TopicSettings topics) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                Long.toString(settings.commitInterval().toMillis()));
        // the stream thread blocks this long in poll when idle; each of the two sub-topology hops can wait for it,
        // so the default 100 ms cost ~100 ms of alert-to-incident latency (measured: p50 313 -> 203 ms idle)
        props.put(StreamsConfig.POLL_MS_CONFIG, Long.toString(POLL_MS));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(topics.replicationFactor()));
        if (topics.replicationFactor() >= 3) {
            // changelogs and repartition topics: a write needs two replicas, as for the topics Kubemate creates
            props.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), "2");
        }
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, Integer.toString(settings.standbyReplicas()));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(settings.streamThreads()));
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, Long.toString(settings.cacheMaxBytes()));
        props.put(
                StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                Integer.toString(CorrelationTopology.MAX_MESSAGE_BYTES));
        props.putAll(FailurePolicy.streamsConfig(topics.deadLetter()));
        props.putAll(settings.extra());
        return props;
    }

    /** Creates the clients and starts processing; at most once. */
    public synchronized void start() {
        if (streams != null) {
            throw new IllegalStateException("already started");
        }
        streams = new KafkaStreams(topology, properties);
        streams.setUncaughtExceptionHandler(FailurePolicy.uncaughtExceptionHandler());
        streams.start();
    }

    /** The application's state; {@code CREATED} before {@link #start()}. */
    public synchronized KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    /** Kafka Streams' own metrics (those of its consumers and producers included); empty before {@link #start()}. */
    public synchronized java.util.Map<org.apache.kafka.common.MetricName, ? extends org.apache.kafka.common.Metric>
            metrics() {
        return streams == null ? java.util.Map.of() : streams.metrics();
    }

    /** Whether it is running or rebalancing (processing or about to). */
    public boolean isRunning() {
        return state().isRunningOrRebalancing();
    }

    /** Stops processing and closes the clients; returns whether that finished within {@code timeout}. */
    public synchronized boolean close(Duration timeout) {
        return streams == null || streams.close(timeout);
    }

    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }
}
