package io.kubemate.app.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.error.InvalidInputException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Sends the records of a replay file in {@code at} order, each at {@code start + (at − first) / speed} on the wall
 * clock, with its body rebased by {@link TimeRebase}. 2xx is accepted; a 404 for anything but Alertmanager bodies is
 * counted as a missing receiver; 429/503 and connection failures are retried a few times with backoff; anything
 * else is a failure. Nothing here throws for an answer: the {@link SendTally} says what happened.
 */
final class ReplaySender {
    private static final int ATTEMPTS = 5;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;
    private final String base;
    private final Optional<String> token;
    private final ObjectMapper json;
    private final Consumer<String> progress;

    ReplaySender(HttpClient client, URI base, Optional<String> token, ObjectMapper json, Consumer<String> progress) {
        this.client = client;
        this.base = base.toString().replaceAll("/+$", "");
        this.token = token;
        this.json = json;
        this.progress = progress;
    }

    /** Sends every record of {@code file}; returns when the last one was answered. */
    SendTally send(ReplayFile file, double speed) throws InterruptedException {
        SendTally tally = new SendTally();
        Instant first = file.records().get(0).at();
        Instant start = Instant.now();
        TimeRebase rebase = new TimeRebase(first, start, speed);
        boolean[] reported = new boolean[RecordType.values().length];
        for (ReplayRecord record : file.records()) {
            Instant due = rebase.map(record.at());
            long wait = Duration.between(Instant.now(), due).toMillis();
            if (wait > 0) {
                // pacing the replay on the wall clock is the point here, not a wait for a condition
                Thread.sleep(wait);
            }
            byte[] body = body(record, rebase);
            post(record, body, tally, reported);
        }
        return tally;
    }

    private byte[] body(ReplayRecord record, TimeRebase rebase) {
        try {
            return json.writeValueAsBytes(rebase.rebase(record.type(), record.body()));
        } catch (InvalidInputException e) {
            throw new InvalidInputException("line " + record.line() + ": " + e.field(), e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the body of line " + record.line(), e);
        }
    }

    private void post(ReplayRecord record, byte[] body, SendTally tally, boolean[] reported)
            throws InterruptedException {
        RecordType type = record.type();
        String where = "line " + record.line() + " (" + type.wireName() + " -> POST " + type.path() + ")";
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = client.send(request(type, body), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt < ATTEMPTS) {
                    backoff(attempt);
                    continue;
                }
                tally.failed(type, where + ": " + e);
                return;
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                tally.accepted(type);
                return;
            }
            if ((status == 503 || status == 429) && attempt < ATTEMPTS) {
                backoff(attempt);
                continue;
            }
            if (status == 404 && type != RecordType.ALERTMANAGER) {
                tally.missingEndpoint(type);
                if (!reported[type.ordinal()]) {
                    reported[type.ordinal()] = true;
                    progress.accept("no receiver for " + type.wireName() + " records: POST " + type.path()
                            + " answered 404; counting them as not delivered");
                }
                return;
            }
            tally.failed(type, where + ": HTTP " + status + " " + shorten(response.body()));
            return;
        }
    }

    private HttpRequest request(RecordType type, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + type.path()))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", type == RecordType.ALERTMANAGER ? "Alertmanager/0.25.0" : "kubemate-replay")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return request.build();
    }

    private static void backoff(int attempt) throws InterruptedException {
        Thread.sleep(200L << Math.min(attempt, 5));
    }

    private static String shorten(String text) {
        String line = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
