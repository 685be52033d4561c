package io.kubemate.streams.view;

import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.incident.IncidentChanges;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentIndex;
import io.kubemate.core.incident.IncidentPage;
import io.kubemate.core.incident.IncidentQuery;
import io.kubemate.core.incident.IncidentView;
import io.kubemate.core.topic.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * An {@link IncidentView} of the whole incidents topic, for every instance of a scaled-out deployment. {@link
 * #start()} starts one daemon thread with a plain consumer (no group, all partitions, from the beginning, {@code
 * read_committed}) that keeps the latest version of each incident in an {@link IncidentIndex}; partitions added later
 * are picked up. Errors are logged and retried; the thread only ends on {@link #close()}.
 *
 * <p>{@link #isCaughtUp()} turns true once the view has read up to the end offsets it found when it first saw the
 * topic, and stays true.
 */
public final class KafkaIncidentView implements IncidentView, IncidentChanges, AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final IncidentIndex index = new IncidentIndex();
    private final Map<String, Object> consumerConfig;
    private final Topic<String, Incident> topic;
    private final Topic<String, IncidentAlert> members;
    private final CountDownLatch closed = new CountDownLatch(1);
    private IncidentTopicReader reader;
    private Thread thread;

    /**
     * A view of the incidents {@code topic} joined with the member alerts on {@code members}, at {@code
     * bootstrapServers}; {@code clientProperties} (e.g. SASL/SSL settings) are
     * passed to the consumer last. No I/O until {@link #start()}.
     */
    public KafkaIncidentView(
            String bootstrapServers,
            Topic<String, Incident> topic,
            Topic<String, IncidentAlert> members,
            Map<String, String> clientProperties) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.members = Objects.requireNonNull(members, "members");
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "kubemate-incident-view");
        config.putAll(clientProperties == null ? Map.of() : clientProperties);
        this.consumerConfig = Map.copyOf(config);
        index.setCaughtUp(false);
    }

    /** Starts reading in a background thread; at most once. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        reader = new IncidentTopicReader(consumerConfig, topic, members, index, closed);
        thread = new Thread(reader, "kubemate-incident-view");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public Optional<Incident> find(IncidentId id) {
        return index.find(id);
    }

    @Override
    public IncidentPage list(IncidentQuery query) {
        return index.list(query);
    }

    @Override
    public Optional<Incident> awaitNewer(IncidentId id, long afterVersion, Duration timeout)
            throws InterruptedException {
        return index.awaitNewer(id, afterVersion, timeout);
    }

    @Override
    public boolean isCaughtUp() {
        return index.isCaughtUp();
    }

    /** How many incidents the view holds in each status, for the metrics. */
    public java.util.Map<io.kubemate.core.incident.IncidentStatus, Integer> countByStatus() {
        return index.countByStatus();
    }

    /** Listeners run on the reader thread, for every newer snapshot read (the replay at start included). */
    @Override
    public Subscription subscribe(Consumer<Incident> listener) {
        return index.subscribe(listener);
    }

    /**
     * Stops the reader and closes its consumer, waiting up to ten seconds for that. If the calling thread is
     * interrupted while waiting, it stops waiting and keeps its interrupt status.
     */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed.countDown();
            running = thread;
            if (reader != null) {
                reader.wakeup();
            }
        }
        if (running == null) {
            return;
        }
        try {
            running.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
