package io.kubemate.streams.correlation;

import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.streams.CorrelationSettings;
import java.time.Instant;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The single writer of incident state for the scopes of one partition: applies transitions and actions in order,
 * runs the housekeeping and publishes changed incidents on wall-clock punctuations.
 */
final class Correlator implements Processor<String, CorrelationInput, String, Object> {
    /** How stale (wall clock) the correlator's copy of the service graph may get. */
    static final long GRAPH_REFRESH_MILLIS = 2_000;

    private final CorrelationSettings settings;
    private final String graphStore;
    private ProcessorContext<String, Object> context;
    private IncidentStores stores;
    private AlertCorrelation alerts;
    private IncidentActions actions;
    private Housekeeping housekeeping;

    /**
     * @param graphStore the global service graph store's name, or {@code null} when there is no graph (then only
     *     the scope rules correlate)
     */
    Correlator(CorrelationSettings settings, String graphStore) {
        this.settings = settings;
        this.graphStore = graphStore;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.stores = new IncidentStores(context, header -> Housekeeping.dueAt(header, settings));
        this.housekeeping = new Housekeeping(stores, settings);
        ServiceLinks links = graphStore == null
                ? ServiceLinks.NONE
                : new ServiceGraphStore(
                        context.getStateStore(graphStore), context::currentSystemTimeMs, GRAPH_REFRESH_MILLIS);
        this.alerts = new AlertCorrelation(stores, settings, this::publishMember, links);
        IncidentRestructuring restructuring = new IncidentRestructuring(stores, settings, this::publishMove);
        this.actions = new IncidentActions(stores, settings.timelineLimit(), restructuring);
        context.schedule(settings.emitInterval(), PunctuationType.WALL_CLOCK_TIME, this::publish);
        context.schedule(settings.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, now -> {
            housekeeping.run(Instant.ofEpochMilli(now));
            publish(now);
        });
    }

    @Override
    public void process(Record<String, CorrelationInput> record) {
        CorrelationInput input = record.value();
        if (input == null) {
            return;
        }
        if (input.transition() != null) {
            alerts.apply(record.key(), input.transition());
        } else {
            actions.apply(input.action());
        }
    }

    /** Publishes one member alert as it now is, in the same transaction as the state change. */
    private void publishMember(IncidentId incident, IncidentAlert member, Instant at) {
        context.forward(new Record<>(incident.memberKey(member.fingerprint()), member, at.toEpochMilli()));
    }

    /** Publishes a member's move: a tombstone for it in {@code from}, and its record in {@code to}. */
    private void publishMove(IncidentId from, IncidentId to, IncidentAlert member, Instant at) {
        context.forward(new Record<>(from.memberKey(member.fingerprint()), MemberRemoved.REMOVED, at.toEpochMilli()));
        publishMember(to, member, at);
    }

    /** What the processor forwards for a member that left an incident; the sink writes it as a tombstone. */
    enum MemberRemoved {
        REMOVED
    }

    /** Publishes the snapshot (without members) of every incident changed since the last publication. */
    private void publish(long now) {
        for (IncidentId id : stores.dirtyIds()) {
            IncidentHeader header = stores.header(id);
            if (header != null) {
                Incident snapshot = IncidentSnapshots.build(header);
                context.forward(new Record<>(id.value(), snapshot, now));
            }
            stores.clearDirty(id);
        }
    }
}
