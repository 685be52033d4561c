package io.kubemate.streams.lifecycle;

import io.kubemate.core.alert.AlertStatus;
import io.kubemate.core.alert.AlertTransition;
import io.kubemate.core.alert.RawAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** Applies {@link TransitionRules} per fingerprint and forgets alerts that stayed resolved for the retention. */
final class AlertLifecycle implements Processor<String, RawAlert, String, AlertTransition> {
    private final TransitionRules rules;
    private final Duration retention;
    private final Duration expiryScanInterval;
    private ProcessorContext<String, AlertTransition> context;
    private KeyValueStore<String, LifecycleState> store;

    AlertLifecycle(TransitionRules rules, Duration retention, Duration expiryScanInterval) {
        this.rules = rules;
        this.retention = retention;
        this.expiryScanInterval = expiryScanInterval;
    }

    @Override
    public void init(ProcessorContext<String, AlertTransition> context) {
        this.context = context;
        this.store = context.getStateStore(LifecycleTopology.STORE);
        context.schedule(expiryScanInterval, PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, RawAlert> record) {
        RawAlert alert = record.value();
        if (alert == null) {
            return;
        }
        String fingerprint = alert.fingerprint();
        Instant at = Instant.ofEpochMilli(record.timestamp());
        rules.decide(store.get(fingerprint), alert, at).ifPresent(outcome -> {
            store.put(fingerprint, outcome.next());
            context.forward(record.withKey(fingerprint).withValue(outcome.transition()));
        });
    }

    /** Drops the state of alerts resolved longer than the retention ago, so the store stays bounded. */
    private void expire(long now) {
        Instant cutoff = Instant.ofEpochMilli(now).minus(retention);
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, LifecycleState> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, LifecycleState> entry = all.next();
                LifecycleState state = entry.value;
                if (state.status() == AlertStatus.RESOLVED
                        && state.lastResolvedAt() != null
                        && !state.lastResolvedAt().isAfter(cutoff)) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(store::delete);
    }
}
