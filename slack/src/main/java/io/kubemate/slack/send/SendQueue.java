package io.kubemate.slack.send;

import io.kubemate.slack.message.SlackMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is waiting to go to Slack, one lane per channel. A lane sends at most one call per {@code perChannel} (Slack's
 * chat.postMessage guidance is about one message a second per channel) and, when Slack answers {@code ratelimited},
 * nothing before its {@code Retry-After}. Within a lane, first posts of incidents go before anything else, oldest
 * first; then updates and thread replies in the order they were first asked for. An incident has at most one pending
 * update: a newer rendering replaces the waiting one in its place (coalescing), so a noisy incident neither floods
 * the channel nor delays another incident's first post. Lanes do not wait on each other.
 *
 * <p>Thread-safe: {@link #submitMessage} and {@link #submitReply} from the notifier, {@link #runDue()} from the one
 * sending thread (or a test driving a fake clock). Calls run outside the lock.
 */
public final class SendQueue {
    private static final Logger LOG = LoggerFactory.getLogger(SendQueue.class);
    private static final int MAX_ATTEMPTS = 6;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final SlackCalls calls;
    private final MessageRefs refs;
    private final Duration perChannel;
    private final Clock clock;
    private final Map<String, Lane> lanes = new HashMap<>();
    private long sequence;

    public SendQueue(SlackCalls calls, MessageRefs refs, Duration perChannel, Clock clock) {
        this.calls = calls;
        this.refs = refs;
        this.perChannel = perChannel;
        this.clock = clock;
    }

    /** The incident's message should look like {@code message}: posted when new, else updated (coalesced). */
    public synchronized void submitMessage(String incidentId, String route, SlackMessage message) {
        Lane lane = lane(route);
        Optional<MessageRef> ref = refs.find(incidentId);
        if (ref.isEmpty()) {
            Pending waiting = lane.posts.get(incidentId);
            lane.posts.put(incidentId, new Pending(waiting == null ? ++sequence : waiting.seq, message, 0));
        } else {
            Pending waiting = lane.updates.get(incidentId);
            lane.updates.put(incidentId, new Pending(waiting == null ? ++sequence : waiting.seq, message, 0));
        }
        notifyAll();
    }

    /** A thread reply under the incident's message; {@code recorded} notes it in the ref once sent. */
    public synchronized void submitReply(
            String incidentId, String route, SlackMessage message, UnaryOperator<MessageRef> recorded) {
        lane(route).replies.add(new Reply(++sequence, incidentId, message, recorded, 0));
        notifyAll();
    }

    /** Sends what is due now (at most one call per lane) and returns when more will be due; empty when idle. */
    public Optional<Instant> runDue() {
        List<Op> due = pickDue(clock.instant());
        for (Op op : due) {
            CallResult result = execute(op);
            applied(op, result);
        }
        return nextDue();
    }

    /** Waits until something is due or {@code max} passed (the sending thread's idle wait). */
    public synchronized void awaitWork(Duration max) throws InterruptedException {
        Optional<Instant> next = nextDue();
        long waitMillis =
                next.map(at -> Duration.between(clock.instant(), at).toMillis()).orElse(max.toMillis());
        if (waitMillis > 0) {
            wait(Math.min(waitMillis, max.toMillis()));
        }
    }

    /** How many posts, updates and replies wait. */
    public synchronized int pending() {
        return lanes.values().stream()
                .mapToInt(l -> l.posts.size() + l.updates.size() + l.replies.size() + (l.busy ? 1 : 0))
                .sum();
    }

    private Lane lane(String route) {
        return lanes.computeIfAbsent(route, Lane::new);
    }

    private synchronized List<Op> pickDue(Instant now) {
        List<Op> due = new ArrayList<>();
        for (Lane lane : lanes.values()) {
            if (!lane.busy && !lane.notBefore.isAfter(now)) {
                Op op = lane.next(refs);
                if (op != null) {
                    lane.busy = true;
                    due.add(op);
                }
            }
        }
        return due;
    }

    private synchronized Optional<Instant> nextDue() {
        Instant now = clock.instant();
        Instant next = null;
        for (Lane lane : lanes.values()) {
            if (!lane.busy && lane.hasWork(refs)) {
                Instant at = lane.notBefore.isAfter(now) ? lane.notBefore : now;
                next = next == null || at.isBefore(next) ? at : next;
            }
        }
        return Optional.ofNullable(next);
    }

    private CallResult execute(Op op) {
        return switch (op.kind) {
            case POST -> calls.post(op.lane.route, op.message, null);
            case UPDATE -> calls.update(op.ref.channelId(), op.ref.ts(), op.message);
            case REPLY -> calls.post(op.ref.channelId(), op.message, op.ref.ts());
        };
    }

    private synchronized void applied(Op op, CallResult result) {
        Lane lane = op.lane;
        lane.busy = false;
        Instant now = clock.instant();
        switch (result.outcome()) {
            case OK -> {
                lane.notBefore = now.plus(perChannel);
                recordSent(op, result);
            }
            case RATE_LIMITED -> {
                lane.notBefore =
                        now.plus(result.retryAfter().compareTo(perChannel) < 0 ? perChannel : result.retryAfter());
                requeue(op, op.attempts);
            }
            case RETRY -> {
                Duration backoff = perChannel.multipliedBy(1L << Math.min(op.attempts, 6));
                lane.notBefore = now.plus(backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff);
                if (op.attempts + 1 < MAX_ATTEMPTS) {
                    requeue(op, op.attempts + 1);
                } else {
                    LOG.warn(
                            "Slack {} for {} given up after {} attempts: {}",
                            op.kind,
                            op.incidentId,
                            MAX_ATTEMPTS,
                            result.error());
                }
            }
            case FAILED -> {
                lane.notBefore = now.plus(perChannel);
                LOG.warn("Slack {} for {} in {} failed: {}", op.kind, op.incidentId, lane.route, result.error());
            }
        }
        notifyAll();
    }

    private void recordSent(Op op, CallResult result) {
        switch (op.kind) {
            case POST -> refs.put(new MessageRef(
                    op.incidentId, op.lane.route, result.channelId(), result.ts(), op.message.digest(), List.of(), ""));
            case UPDATE -> refs.put(op.ref.withDigest(op.message.digest()));
            case REPLY -> refs.find(op.incidentId).map(op.recorded).ifPresent(refs::put);
        }
    }

    private void requeue(Op op, int attempts) {
        Lane lane = op.lane;
        switch (op.kind) {
            case POST -> lane.posts.putIfAbsent(op.incidentId, new Pending(op.seq, op.message, attempts));
            case UPDATE -> lane.updates.putIfAbsent(op.incidentId, new Pending(op.seq, op.message, attempts));
            case REPLY -> lane.replies.add(0, new Reply(op.seq, op.incidentId, op.message, op.recorded, attempts));
        }
    }

    private enum Kind {
        POST,
        UPDATE,
        REPLY
    }

    private record Pending(long seq, SlackMessage message, int attempts) {}

    private record Reply(
            long seq, String incidentId, SlackMessage message, UnaryOperator<MessageRef> recorded, int attempts) {}

    private record Op(
            Kind kind,
            Lane lane,
            long seq,
            String incidentId,
            SlackMessage message,
            MessageRef ref,
            UnaryOperator<MessageRef> recorded,
            int attempts) {}

    /** One channel's waiting work. Guarded by the queue's lock. */
    private static final class Lane {
        final String route;
        final Map<String, Pending> posts = new java.util.LinkedHashMap<>();
        final Map<String, Pending> updates = new java.util.LinkedHashMap<>();
        final List<Reply> replies = new ArrayList<>();
        Instant notBefore = Instant.EPOCH;
        boolean busy;

        Lane(String route) {
            this.route = route;
        }

        boolean hasWork(MessageRefs refs) {
            return !posts.isEmpty()
                    || !updates.isEmpty()
                    || replies.stream().anyMatch(r -> refs.find(r.incidentId).isPresent());
        }

        /** The next call of this lane, removed from the waiting work; null when nothing can go now. */
        Op next(MessageRefs refs) {
            while (!posts.isEmpty()) {
                var first = posts.entrySet().iterator().next();
                posts.remove(first.getKey());
                Pending p = first.getValue();
                Optional<MessageRef> ref = refs.find(first.getKey());
                if (ref.isEmpty()) {
                    return new Op(Kind.POST, this, p.seq, first.getKey(), p.message, null, null, p.attempts);
                }
                // posted meanwhile (it was asked for again while its post was on the way): an update now
                updates.putIfAbsent(first.getKey(), p);
            }
            Reply reply = replies.stream()
                    .filter(r -> refs.find(r.incidentId).isPresent())
                    .findFirst()
                    .orElse(null);
            while (!updates.isEmpty()) {
                var first = updates.entrySet().iterator().next();
                Pending p = first.getValue();
                if (reply != null && reply.seq < p.seq) {
                    break;
                }
                updates.remove(first.getKey());
                MessageRef ref = refs.find(first.getKey()).orElseThrow();
                if (!ref.digest().equals(p.message.digest())) {
                    return new Op(Kind.UPDATE, this, p.seq, first.getKey(), p.message, ref, null, p.attempts);
                }
            }
            if (reply != null) {
                replies.remove(reply);
                MessageRef ref = refs.find(reply.incidentId).orElseThrow();
                return new Op(
                        Kind.REPLY,
                        this,
                        reply.seq,
                        reply.incidentId,
                        reply.message,
                        ref,
                        reply.recorded,
                        reply.attempts);
            }
            return null;
        }
    }
}
