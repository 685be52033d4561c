package io.kubemate.streams.evidence;

import io.kubemate.core.telemetry.ChangeEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recent change events per service, bounded: at most {@code perService} per service (oldest dropped), at most {@code
 * maxServices} services (the least recently changed dropped), and nothing older than {@code retention} of the newest
 * change seen. Re-sent events (same id) are kept once. Thread-safe.
 */
public final class ChangeBuffer {
    private final int perService;
    private final int maxServices;
    private final Duration retention;
    private final Map<String, Deque<ChangeEvent>> byService = new LinkedHashMap<>(16, 0.75f, true);
    private final Set<String> ids = new HashSet<>();
    private Instant newest = Instant.EPOCH;

    public ChangeBuffer(int perService, int maxServices, Duration retention) {
        this.perService = perService;
        this.maxServices = maxServices;
        this.retention = retention;
    }

    /** 50 per service, 5,000 services, 24 hours. */
    public static ChangeBuffer defaults() {
        return new ChangeBuffer(50, 5_000, Duration.ofHours(24));
    }

    /** Keeps {@code change} unless it was seen before or is too old. */
    public synchronized void add(ChangeEvent change) {
        if (change.time().isAfter(newest)) {
            newest = change.time();
        }
        if (change.time().isBefore(newest.minus(retention)) || !ids.add(change.id())) {
            return;
        }
        Deque<ChangeEvent> changes = byService.computeIfAbsent(change.service(), k -> new ArrayDeque<>());
        changes.addLast(change);
        while (changes.size() > perService) {
            ids.remove(changes.removeFirst().id());
        }
        while (byService.size() > maxServices) {
            var eldest = byService.entrySet().iterator().next();
            eldest.getValue().forEach(old -> ids.remove(old.id()));
            byService.remove(eldest.getKey());
        }
    }

    /** Changes to {@code service} in [{@code from}, {@code to}], oldest first. */
    public synchronized List<ChangeEvent> between(String service, Instant from, Instant to) {
        List<ChangeEvent> found = new ArrayList<>();
        Deque<ChangeEvent> changes = byService.get(service);
        if (changes != null) {
            for (ChangeEvent change : changes) {
                if (!change.time().isBefore(from) && !change.time().isAfter(to)) {
                    found.add(change);
                }
            }
        }
        found.sort((a, b) -> a.time().compareTo(b.time()));
        return found;
    }
}
