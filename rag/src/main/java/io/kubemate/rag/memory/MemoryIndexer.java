package io.kubemate.rag.memory;

import io.kubemate.core.evidence.EvidenceView;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentQuery;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.IncidentView;
import io.kubemate.core.incident.TimelineEntry;
import io.kubemate.core.incident.TimelineKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the incident memory and the runbooks current, on its own thread: every {@code interval} it remembers each
 * resolved incident (among the newest {@value #PAGE}) whose version it has not remembered yet, with its newest
 * resolution note ({@code POST /api/v1/incidents/{id}/resolution}, else the resolve action's note), and refreshes the
 * runbooks directory. After a restart every resolved incident in the view is remembered once more (an upsert by id).
 */
public final class MemoryIndexer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryIndexer.class);
    static final int PAGE = 500;

    private final IncidentView incidents;
    private final EvidenceView evidence;
    private final IncidentMemory memory;
    private final Runbooks runbooks;
    private final Duration interval;
    private final Map<String, Long> remembered = new ConcurrentHashMap<>();
    private ScheduledExecutorService executor;

    /** @param runbooks refreshed every pass; {@code null} for none */
    public MemoryIndexer(
            IncidentView incidents,
            EvidenceView evidence,
            IncidentMemory memory,
            Runbooks runbooks,
            Duration interval) {
        this.incidents = incidents;
        this.evidence = evidence;
        this.memory = memory;
        this.runbooks = runbooks;
        this.interval = interval;
    }

    /** Starts the thread; at most once. */
    public synchronized MemoryIndexer start() {
        if (executor != null) {
            throw new IllegalStateException("already started");
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kubemate-memory");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::safePass, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void safePass() {
        try {
            runPass();
        } catch (RuntimeException e) {
            LOG.warn("memory pass failed, next one in {}: {}", interval, e.toString());
        }
    }

    /** One pass; returns how many incidents it remembered. Public for tests; normally the thread calls it. */
    public int runPass() {
        if (runbooks != null) {
            runbooks.refresh();
        }
        int count = 0;
        List<Incident> resolved = incidents
                .list(new IncidentQuery(Optional.of(IncidentStatus.RESOLVED), PAGE, Optional.empty()))
                .items();
        for (Incident summary : resolved) {
            String id = summary.id().value();
            if (Long.valueOf(summary.version()).equals(remembered.get(id))) {
                continue;
            }
            Optional<Incident> incident = incidents.find(summary.id());
            if (incident.isEmpty()) {
                continue;
            }
            memory.remember(incident.get(), evidence.evidence(id), note(incident.get()));
            remembered.put(id, incident.get().version());
            count++;
        }
        return count;
    }

    /** The newest resolution note, else the note of the action that resolved it, else empty. */
    static String note(Incident incident) {
        List<TimelineEntry> timeline = incident.timeline();
        for (int i = timeline.size() - 1; i >= 0; i--) {
            if (timeline.get(i).kind() == TimelineKind.RESOLUTION_NOTE) {
                return timeline.get(i).detail();
            }
        }
        for (int i = timeline.size() - 1; i >= 0; i--) {
            TimelineEntry entry = timeline.get(i);
            if (entry.kind() == TimelineKind.RESOLVED
                    && entry.actor() != null
                    && !entry.actor().isBlank()) {
                String detail = entry.detail();
                // a resolve without a note is recorded as "resolved by <actor>"
                return detail.equals("resolved by " + entry.actor()) ? "" : detail;
            }
        }
        return "";
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
