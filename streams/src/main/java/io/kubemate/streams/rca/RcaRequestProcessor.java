package io.kubemate.streams.rca;

import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.EvidenceKind;
import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.Severity;
import io.kubemate.core.rca.RcaRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns incident snapshots and evidence into debounced summary requests (see {@link RcaRequestTopology}). Material
 * changes: the incident opened (or reopened), gained a service, got more severe, or its evidence gained a kind. Each
 * change makes a request pending; it goes out {@link RcaSettings#quiet()} after the last change, at most {@link
 * RcaSettings#maxWait()} after the first, with every reason collected meanwhile. A resolved incident's pending request
 * is dropped. State lives in a fault-tolerant store, so a restart loses no pending request.
 */
final class RcaRequestProcessor implements Processor<String, RcaInput, String, RcaRequest> {
    /** How often (wall clock) resolved incidents' state is looked at for forgetting: a whole-store scan. */
    private static final long FORGET_SWEEP_MILLIS = 10 * 60 * 1000L;

    private final RcaSettings settings;
    /** Incident id to when its pending request is due: derived from the store, so a tick reads only what is due. */
    private final Map<String, Long> due = new HashMap<>();

    private ProcessorContext<String, RcaRequest> context;
    private KeyValueStore<String, RcaState> store;
    private long sweptAt;

    RcaRequestProcessor(RcaSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, RcaRequest> context) {
        this.context = context;
        this.store = context.getStateStore(RcaRequestTopology.STORE);
        try (KeyValueIterator<String, RcaState> all = store.all()) {
            all.forEachRemaining(entry -> track(entry.key, entry.value));
        }
        this.sweptAt = context.currentSystemTimeMs();
        context.schedule(settings.tick(), PunctuationType.WALL_CLOCK_TIME, this::emitDue);
    }

    @Override
    public void process(Record<String, RcaInput> record) {
        String id = record.key();
        RcaInput input = record.value();
        if (id == null || input == null) {
            return;
        }
        long now = context.currentSystemTimeMs();
        RcaState state = store.get(id);
        RcaState next = input.incident() != null
                ? onIncident(state == null ? RcaState.empty() : state, input.incident(), now)
                : onEvidence(state == null ? RcaState.empty() : state, input.evidence(), now);
        if (!next.equals(state)) {
            store.put(id, next);
            track(id, next);
        }
    }

    private void track(String id, RcaState state) {
        if (state.isPending()) {
            due.put(id, state.dueAt());
        } else {
            due.remove(id);
        }
    }

    private RcaState onIncident(RcaState state, Incident incident, long now) {
        boolean active = incident.status().isActive();
        Set<String> services = new TreeSet<>(incident.services());
        String severity = incident.severity() == null ? "" : incident.severity().wireName();
        List<String> reasons = new ArrayList<>();
        if (active && (!state.seen() || state.resolved())) {
            reasons.add(state.seen() ? "reopened" : "opened");
        } else if (active) {
            for (String service : services) {
                if (!state.services().contains(service)) {
                    reasons.add("service:" + service);
                }
            }
            if (moreSevere(severity, state.severity())) {
                reasons.add("severity:" + severity);
            }
        }
        Set<String> known = new TreeSet<>(state.services());
        known.addAll(services);
        RcaState seen = new RcaState(
                known,
                state.evidenceKinds(),
                state.severity().isEmpty() || moreSevere(severity, state.severity()) ? severity : state.severity(),
                true,
                !active,
                state.sequence(),
                active ? state.pendingReasons() : List.of(),
                active ? state.pendingSince() : 0,
                active ? state.dueAt() : 0,
                now);
        return reasons.isEmpty() ? seen : pending(seen, reasons, now);
    }

    private RcaState onEvidence(RcaState state, IncidentEvidence evidence, long now) {
        Set<String> kinds = new TreeSet<>();
        for (EvidenceItem item : evidence.items()) {
            EvidenceKind kind = item.kind();
            if (kind != null) {
                kinds.add(kind.wire());
            }
        }
        List<String> reasons = new ArrayList<>();
        for (String kind : kinds) {
            if (!state.evidenceKinds().contains(kind)) {
                reasons.add("evidence:" + kind);
            }
        }
        Set<String> known = new TreeSet<>(state.evidenceKinds());
        known.addAll(kinds);
        RcaState seen = new RcaState(
                state.services(),
                known,
                state.severity(),
                state.seen(),
                state.resolved(),
                state.sequence(),
                state.pendingReasons(),
                state.pendingSince(),
                state.dueAt(),
                now);
        // evidence of an incident not seen (yet) or resolved is remembered but asks for nothing
        return reasons.isEmpty() || !state.seen() || state.resolved() ? seen : pending(seen, reasons, now);
    }

    private RcaState pending(RcaState state, List<String> reasons, long now) {
        long since = state.isPending() ? state.pendingSince() : now;
        long due = Math.min(
                now + settings.quiet().toMillis(), since + settings.maxWait().toMillis());
        Set<String> all = new LinkedHashSet<>(state.pendingReasons());
        all.addAll(reasons);
        return new RcaState(
                state.services(),
                state.evidenceKinds(),
                state.severity(),
                state.seen(),
                state.resolved(),
                state.sequence(),
                List.copyOf(all),
                since,
                due,
                now);
    }

    /** Whether severity {@code candidate} is worse than {@code current} (either may be empty: none). */
    private static boolean moreSevere(String candidate, String current) {
        return !candidate.isEmpty() && Severity.fromLabel(candidate).compareTo(Severity.fromLabel(current)) < 0;
    }

    /** Sends the requests that are due and, now and then, forgets resolved incidents after {@link RcaSettings#forgetResolved()}. */
    private void emitDue(long now) {
        List<String> ready = due.entrySet().stream()
                .filter(entry -> entry.getValue() <= now)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        for (String id : ready) {
            RcaState state = store.get(id);
            if (state == null || !state.isPending()) {
                due.remove(id);
                continue;
            }
            long sequence = state.sequence() + 1;
            context.forward(new Record<>(
                    id, new RcaRequest(id, sequence, state.pendingReasons(), Instant.ofEpochMilli(now)), now));
            RcaState sent = new RcaState(
                    state.services(),
                    state.evidenceKinds(),
                    state.severity(),
                    state.seen(),
                    state.resolved(),
                    sequence,
                    List.of(),
                    0,
                    0,
                    state.touchedAt());
            store.put(id, sent);
            track(id, sent);
        }
        if (now - sweptAt >= FORGET_SWEEP_MILLIS) {
            sweptAt = now;
            forgetResolved(now);
        }
    }

    private void forgetResolved(long now) {
        List<String> forget = new ArrayList<>();
        try (KeyValueIterator<String, RcaState> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, RcaState> entry = all.next();
                if (entry.value.resolved()
                        && entry.value.touchedAt() + settings.forgetResolved().toMillis() < now) {
                    forget.add(entry.key);
                }
            }
        }
        forget.forEach(store::delete);
    }
}
