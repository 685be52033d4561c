package io.kubemate.webhooks.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test client of a text/event-stream: reads it on its own thread and hands out whole events with deadlines. */
final class SseConnection implements AutoCloseable {
    /** One event block; {@code comment} holds the comment lines (heartbeats) of blocks without fields. */
    record Event(String id, String event, String data, List<String> comments) {}

    private static final Event END = new Event(null, "end", null, List.of());

    final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;

    private SseConnection(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static SseConnection open(int port, String... headers) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + IncidentStream.PATH))
                .header("Accept", "text/event-stream");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return new SseConnection(client.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    /** The next event, or an AssertionError when none arrives within {@code timeout}. */
    Event next(Duration timeout) throws InterruptedException {
        Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no event within " + timeout);
        }
        return event;
    }

    /** The next event with fields (heartbeat comments and the retry hint skipped). */
    Event nextData(Duration timeout) throws InterruptedException {
        while (true) {
            Event event = next(timeout);
            if (event == END || event.data() != null) {
                return event;
            }
        }
    }

    /** Whether the server ended the stream within {@code timeout} (events before the end are skipped). */
    boolean endsWithin(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Event event = events.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (event == END) {
                return true;
            }
        }
        return false;
    }

    private void read() {
        try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            String data = null;
            List<String> comments = new ArrayList<>();
            boolean any = false;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (any) {
                        events.add(new Event(id, event, data, List.copyOf(comments)));
                    }
                    id = null;
                    event = null;
                    data = null;
                    comments.clear();
                    any = false;
                    continue;
                }
                any = true;
                if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
        } catch (IOException e) {
            // closed by the test or by the server
        } finally {
            events.add(END);
        }
    }

    static boolean isEnd(Event event) {
        return event == END;
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
