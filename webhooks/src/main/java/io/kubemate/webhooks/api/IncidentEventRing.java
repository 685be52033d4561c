package io.kubemate.webhooks.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The last {@code capacity} incident events, each with an id one above the previous, for streams to follow and to
 * resume from. Ids start just above a base chosen at construction (the start time in microseconds, so ids a client
 * kept from an earlier process are older than anything here and lead to a reset rather than to a wrong replay).
 * Thread-safe; readers block in {@link #awaitAfter} until something newer arrives, the wait ends, or the ring closes.
 */
final class IncidentEventRing {
    /** One event: its id and its {@code data} line (JSON without line breaks). */
    record Event(long id, String data) {}

    /**
     * What a reader at position {@code after} gets. {@code complete} is false when the ring cannot say what happened
     * after that position (it was overwritten, or it is not an id of this ring): the reader must start over.
     */
    record Replay(boolean complete, List<Event> events) {
        static final Replay LOST = new Replay(false, List.of());

        Replay {
            events = List.copyOf(events);
        }
    }

    private final Event[] slots;
    private long lastId;
    private int size;
    private boolean closed;

    IncidentEventRing(int capacity, long baseId) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.slots = new Event[capacity];
        this.lastId = baseId;
    }

    /** Appends an event and wakes the readers; returns its id. */
    synchronized long append(String data) {
        lastId++;
        slots[(int) Math.floorMod(lastId, (long) slots.length)] = new Event(lastId, data);
        size = Math.min(size + 1, slots.length);
        notifyAll();
        return lastId;
    }

    /** The id of the newest event (the base when there is none yet): where a reader that just took a snapshot is. */
    synchronized long lastId() {
        return lastId;
    }

    /** Every event with an id above {@code after}, oldest first, or {@link Replay#LOST} when some are gone. */
    synchronized Replay after(long after) {
        long oldest = lastId - size + 1;
        if (after > lastId || after < oldest - 1) {
            return Replay.LOST;
        }
        List<Event> events = new ArrayList<>((int) (lastId - after));
        for (long id = after + 1; id <= lastId; id++) {
            events.add(slots[(int) Math.floorMod(id, (long) slots.length)]);
        }
        return new Replay(true, events);
    }

    /**
     * Like {@link #after}, but waits up to {@code timeout} for an event above {@code after} first; a complete empty
     * replay means nothing happened in that time (or the ring was closed).
     */
    synchronized Replay awaitAfter(long after, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!closed && lastId == after) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
        }
        return after(after);
    }

    /** Wakes every waiting reader for good: {@link #awaitAfter} no longer waits. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
