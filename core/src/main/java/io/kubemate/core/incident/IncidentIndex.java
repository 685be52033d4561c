package io.kubemate.core.incident;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A thread-safe in-memory index of the latest snapshot per incident, ordered by last update (newest first). It keeps
 * the highest version it has seen of each incident and ignores older ones, so replays and duplicates are harmless.
 * Member alerts arrive apart from the snapshots ({@link #upsertMember}); every incident handed out carries the
 * members known for it (or, when none arrived separately, the alerts its snapshot carried).
 *
 * <p>Cursors are opaque to clients: they encode the position (update time and id) of the last item of a page, so a
 * page is stable even when incidents change between requests.
 */
public final class IncidentIndex implements IncidentView, IncidentChanges {
    private static final System.Logger LOG = System.getLogger(IncidentIndex.class.getName());

    private static final Comparator<Incident> NEWEST_FIRST =
            Comparator.comparing(Incident::updatedAt).reversed().thenComparing(Incident::id);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<IncidentId, Incident> byId = new HashMap<>();
    private final NavigableSet<Incident> ordered = new TreeSet<>(NEWEST_FIRST);
    private final Map<IncidentId, Map<String, IncidentAlert>> members = new HashMap<>();
    private volatile boolean caughtUp = true;
    private final List<Consumer<Incident>> listeners = new CopyOnWriteArrayList<>();

    /**
     * Stores {@code incident} unless a snapshot of the same or a higher version is already held; the {@link
     * #subscribe} listeners then see it (outside the index's lock, so they may read the index).
     */
    public boolean upsert(Incident incident) {
        lock.lock();
        try {
            Incident previous = byId.get(incident.id());
            if (previous != null && previous.version() >= incident.version()) {
                return false;
            }
            if (previous != null) {
                ordered.remove(previous);
            }
            byId.put(incident.id(), incident);
            ordered.add(incident);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        notifyListeners(incident);
        return true;
    }

    @Override
    public Subscription subscribe(Consumer<Incident> listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        // a wrapper per registration, so the same listener registered twice is removed once per close
        Consumer<Incident> registration = listener::accept;
        listeners.add(registration);
        return () -> listeners.remove(registration);
    }

    private void notifyListeners(Incident incident) {
        for (Consumer<Incident> listener : listeners) {
            try {
                listener.accept(incident);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "incident change listener failed: " + e);
            }
        }
    }

    /** Stores the latest state of one member alert of incident {@code id} (the last one written wins). */
    public void upsertMember(IncidentId id, IncidentAlert member) {
        lock.lock();
        try {
            members.computeIfAbsent(id, key -> new TreeMap<>()).put(member.fingerprint(), member);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Forgets one member alert of incident {@code id}: it moved to another incident (merge, split). */
    public void removeMember(IncidentId id, String fingerprint) {
        lock.lock();
        try {
            Map<String, IncidentAlert> known = members.get(id);
            if (known != null && known.remove(fingerprint) != null) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** {@code incident} with the members known for it; call with the lock held. */
    private Incident assembled(Incident incident) {
        Map<String, IncidentAlert> known = members.get(incident.id());
        return known == null || known.isEmpty() ? incident : incident.withAlerts(List.copyOf(known.values()));
    }

    /** Marks whether the index reflects its source up to the source's end (see {@link #isCaughtUp()}). */
    public void setCaughtUp(boolean value) {
        this.caughtUp = value;
    }

    public int size() {
        lock.lock();
        try {
            return byId.size();
        } finally {
            lock.unlock();
        }
    }

    /** How many incidents are held in each status (every status present, zero when none). */
    public java.util.Map<IncidentStatus, Integer> countByStatus() {
        java.util.Map<IncidentStatus, Integer> counts = new java.util.EnumMap<>(IncidentStatus.class);
        for (IncidentStatus status : IncidentStatus.values()) {
            counts.put(status, 0);
        }
        lock.lock();
        try {
            byId.values().forEach(incident -> counts.merge(incident.status(), 1, Integer::sum));
        } finally {
            lock.unlock();
        }
        return counts;
    }

    /** Every incident held, newest first. */
    public List<Incident> all() {
        lock.lock();
        try {
            return ordered.stream().map(this::assembled).toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Incident> find(IncidentId id) {
        lock.lock();
        try {
            return Optional.ofNullable(byId.get(id)).map(this::assembled);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public IncidentPage list(IncidentQuery query) {
        Optional<Position> after = query.cursor().map(Position::decode);
        lock.lock();
        try {
            List<Incident> items = new ArrayList<>(query.limit());
            Iterable<Incident> candidates =
                    after.isEmpty() ? ordered : ordered.tailSet(after.get().probe(), false);
            for (Incident incident : candidates) {
                if (query.since().isPresent()
                        && incident.updatedAt().isBefore(query.since().get())) {
                    // newest first: nothing further on was updated since then
                    break;
                }
                if (!query.matches(incident)) {
                    continue;
                }
                if (items.size() == query.limit()) {
                    Incident last = items.get(items.size() - 1);
                    return new IncidentPage(items, Optional.of(Position.of(last).encode()));
                }
                items.add(assembled(incident));
            }
            return new IncidentPage(items, Optional.empty());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Incident> awaitNewer(IncidentId id, long afterVersion, Duration timeout)
            throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                Incident current = byId.get(id);
                if (current != null && current.version() > afterVersion) {
                    return Optional.of(assembled(current));
                }
                if (remaining <= 0) {
                    return Optional.empty();
                }
                remaining = changed.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isCaughtUp() {
        return caughtUp;
    }

    /** A position in the newest-first order, encoded in cursors. */
    private record Position(Instant updatedAt, IncidentId id) {
        static Position of(Incident incident) {
            return new Position(incident.updatedAt(), incident.id());
        }

        String encode() {
            String text = updatedAt.toEpochMilli() + ":" + updatedAt.getNano() + ":" + id.value();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                String[] parts = text.split(":", 3);
                Instant at = Instant.ofEpochMilli(Long.parseLong(parts[0]))
                        .with(java.time.temporal.ChronoField.NANO_OF_SECOND, Long.parseLong(parts[1]));
                return new Position(at, new IncidentId(parts[2]));
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("cursor is not one this server issued", e);
            }
        }

        /** An incident that sorts exactly at this position, for {@code tailSet}. */
        Incident probe() {
            return new Incident(
                    id,
                    0,
                    IncidentStatus.OPEN,
                    "",
                    Severity.NONE,
                    Map.of(),
                    "",
                    List.of(),
                    0,
                    0,
                    updatedAt,
                    updatedAt,
                    null,
                    List.of(),
                    List.of(),
                    0);
        }
    }
}
