package io.kubemate.webhooks.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.kubemate.core.error.UnavailableException;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentChanges;
import io.kubemate.core.incident.IncidentQuery;
import io.kubemate.core.incident.IncidentView;
import io.kubemate.webhooks.http.Route;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * {@code GET /api/v1/incidents/stream}: server-sent events of incident changes. A stream starts with a {@code reset}
 * event carrying the current list (the list route's first page of 500, {@code nextCursor} included), unless the client
 * resumes with a {@code Last-Event-ID} this server still remembers: then it first gets what it missed. After that,
 * one {@code incident} event (the list item JSON) per change, and a comment line when idle for the heartbeat. Every
 * event has an increasing {@code id}; a client that falls too far behind gets another {@code reset}.
 *
 * <p>Each open stream holds a server thread while it waits, so at most {@link IncidentStreamSettings#maxStreams()}
 * are open (more get 503). {@link #close()} ends every stream promptly, so the server's drain is not held up by them.
 * Public only so {@link io.kubemate.webhooks.http.KubemateHttpServer} can wire it.
 */
public final class IncidentStream implements AutoCloseable {
    public static final String PATH = IncidentRoutes.BASE + "/incidents/stream";

    private static final byte[] HEARTBEAT = ": keepalive\n\n".getBytes(StandardCharsets.UTF_8);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final int RECONNECT_MILLIS = 3_000;

    private final IncidentView view;
    private final IncidentStreamSettings settings;
    private final ObjectMapper mapper;
    private final IncidentEventRing ring;
    private final Semaphore slots;
    private final IncidentChanges.Subscription subscription;

    public IncidentStream(
            IncidentView view,
            IncidentChanges changes,
            IncidentStreamSettings settings,
            ObjectMapper mapper,
            Clock clock) {
        this.view = Objects.requireNonNull(view, "view");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.ring = new IncidentEventRing(settings.history(), clock.millis() * 1_000);
        this.slots = new Semaphore(settings.maxStreams());
        this.subscription = changes.subscribe(this::publish);
    }

    public Route route() {
        return Route.get(PATH, this::serve);
    }

    /** Ends every open stream and refuses new ones; idempotent. */
    @Override
    public void close() {
        subscription.close();
        ring.close();
    }

    private void publish(Incident incident) {
        ring.append(json(IncidentJson.item(incident)));
    }

    private void serve(Context ctx) throws InterruptedException {
        if (ring.isClosed()) {
            throw new UnavailableException("the server is shutting down", RETRY_AFTER, null);
        }
        if (!slots.tryAcquire()) {
            throw new UnavailableException(
                    "too many open incident streams (limit " + settings.maxStreams() + ")", RETRY_AFTER, null);
        }
        try {
            HttpServletResponse res = ctx.res();
            res.setStatus(200);
            res.setCharacterEncoding("UTF-8");
            res.setContentType("text/event-stream");
            res.setHeader("Cache-Control", "no-cache");
            res.setHeader("X-Accel-Buffering", "no");
            follow(res.getOutputStream(), lastEventId(ctx.header("Last-Event-ID")));
        } catch (IOException e) {
            // the client went away: the stream just ends
        } finally {
            slots.release();
        }
    }

    /** Writes events until the ring closes or a write fails (the client left). */
    private void follow(OutputStream out, Optional<Long> resumeAfter) throws IOException, InterruptedException {
        write(out, "retry: " + RECONNECT_MILLIS + "\n\n");
        long position =
                resumeAfter.isPresent() && ring.after(resumeAfter.get()).complete() ? resumeAfter.get() : reset(out);
        while (!ring.isClosed()) {
            IncidentEventRing.Replay replay = ring.awaitAfter(position, settings.heartbeat());
            if (!replay.complete()) {
                position = reset(out);
            } else if (replay.events().isEmpty()) {
                out.write(HEARTBEAT);
                out.flush();
            } else {
                StringBuilder text = new StringBuilder();
                for (IncidentEventRing.Event event : replay.events()) {
                    text.append(frame(event.id(), "incident", event.data()));
                    position = event.id();
                }
                write(out, text.toString());
            }
        }
    }

    /** Sends the current list as a {@code reset} event; returns the position it reflects. */
    private long reset(OutputStream out) throws IOException {
        // the position is taken before the list: a change in between is sent again after it, which clients tolerate
        // (they keep the highest version per incident); taken after, it could be lost
        long position = ring.lastId();
        var page = view.list(new IncidentQuery(Optional.empty(), IncidentQuery.MAX_LIMIT, Optional.empty()));
        write(out, frame(position, "reset", json(IncidentJson.page(page))));
        return position;
    }

    static String frame(long id, String event, String data) {
        if (data.indexOf('\n') >= 0 || data.indexOf('\r') >= 0) {
            // a line break would end the data field early and let the rest pose as other fields
            throw new IllegalArgumentException("event data must be one line");
        }
        return "id: " + id + "\nevent: " + event + "\ndata: " + data + "\n\n";
    }

    /** The id a reconnecting client names, or empty when there is none or it is not one of ours (then: reset). */
    static Optional<Long> lastEventId(String header) {
        if (header == null || header.isBlank() || header.length() > 19) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot render an incident event", e);
        }
    }
}
