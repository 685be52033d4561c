package io.kubemate.webhooks.outbound;

import io.kubemate.core.topic.JsonSerde;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers incident events to the configured routes: one {@link RouteConsumer} per route (its own consumer group,
 * its own thread and delivery pool, never a stream thread), sharing the delivery state and log ({@link
 * OutboundStore}). See ADR 0010 for why deliveries are settled before offsets are committed.
 */
public final class OutboundWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundWorker.class);

    private final OutboundSettings settings;
    private final OutboundStore store;
    private final Deliverer deliverer;
    private final Clock clock;
    private final List<RouteConsumer> consumers = new ArrayList<>();
    private boolean started;

    /** A worker sending with Java's HTTP client, real time and real waits. No I/O until {@link #start()}. */
    public OutboundWorker(OutboundSettings settings) {
        this(settings, Clock.systemUTC(), Sleeper.REAL);
    }

    OutboundWorker(OutboundSettings settings, Clock clock, Sleeper sleeper) {
        this.settings = settings;
        this.clock = clock;
        this.store = new OutboundStore(settings);
        this.deliverer = new Deliverer(
                HttpClient.newBuilder()
                        .connectTimeout(settings.requestTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build(),
                settings.requestTimeout(),
                settings.retry(),
                clock,
                sleeper,
                () -> ThreadLocalRandom.current().nextDouble(),
                new IncidentLinks(settings.publicUrl()),
                JsonSerde.newMapper());
    }

    /** Starts reading the state and log topics, then delivering on every route; at most once. */
    public synchronized OutboundWorker start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        store.start();
        for (OutboundRoute route : settings.routes()) {
            RouteConsumer consumer = new RouteConsumer(route, settings, store, deliverer, clock);
            consumers.add(consumer);
            consumer.start();
        }
        LOG.info(
                "outgoing webhooks: {} route(s) {}",
                settings.routes().size(),
                settings.routes().stream().map(OutboundRoute::name).toList());
        return this;
    }

    /** The consumer group of a route's deliveries (for operators resetting one route). */
    public static String groupId(OutboundSettings settings, OutboundRoute route) {
        return RouteConsumer.groupId(settings.groupId(), route);
    }

    /** The delivery log this worker keeps (and reads from other instances' writes). */
    public DeliveryLog deliveries() {
        return store;
    }

    /** Stops delivering; deliveries in flight are interrupted and not committed (they are redone after a restart). */
    @Override
    public synchronized void close() {
        consumers.forEach(RouteConsumer::close);
        consumers.clear();
        store.close();
    }
}
