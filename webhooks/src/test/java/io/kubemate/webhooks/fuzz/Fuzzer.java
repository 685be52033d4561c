package io.kubemate.webhooks.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.error.InvalidInputException;
import io.kubemate.webhooks.http.HttpSettings;
import io.kubemate.webhooks.http.TestEdge;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends a receiver's hostile cases over real HTTP, a few at a time on kept-alive connections, and checks each answer:
 * 400 with a problem naming the field for a malformed body, 413 over the size limits, 415 for a wrong media type or
 * encoding, 2xx only for a body the parser accepts on its own too; never 5xx, never no answer within the timeout.
 * Afterwards: the sink holds exactly the records of the accepted bodies, the heap grew less than a bound, and a real
 * body is still accepted.
 */
final class Fuzzer {
    static final long DEFAULT_SEED = 20261126L;
    static final int DEFAULT_BODIES = 10_000;
    /** Requests in flight at once: the machine has two cores. */
    static final int CONCURRENCY = 4;
    /** How much more heap may be in use after the run than before it (after GC, the sink emptied). */
    static final long MAX_HEAP_GROWTH_BYTES = 16L * 1024 * 1024;
    /** A request not answered within this is a hang. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FAILURES_KEPT = 15;

    private final TestEdge edge;
    private final Receiver receiver;
    private final long seed;
    private final int bodies;

    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> kinds = new ConcurrentHashMap<>();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong failureCount = new AtomicLong();
    private final AtomicLong expectedRecords = new AtomicLong();

    /**
     * Starts a server, fuzzes the receiver {@code under} picks of it and asserts it stayed healthy (within
     * {@link #MAX_HEAP_GROWTH_BYTES}).
     */
    static FuzzReport fuzz(Function<TestEdge, Receiver> under) throws InterruptedException {
        try (TestEdge edge = new TestEdge(settings())) {
            FuzzReport report = new Fuzzer(edge, under.apply(edge)).run();
            assertHealthy(report, MAX_HEAP_GROWTH_BYTES);
            return report;
        }
    }

    /** The server's settings: defaults but the body limit. */
    static HttpSettings settings() {
        return HttpSettings.defaults().withMaxBodyBytes(HostileCases.MAX_BODY_BYTES);
    }

    Fuzzer(TestEdge edge, Receiver receiver) {
        this(
                edge,
                receiver,
                Long.getLong("kubemate.fuzz.seed", DEFAULT_SEED),
                Integer.getInteger("kubemate.fuzz.bodies", DEFAULT_BODIES));
    }

    Fuzzer(TestEdge edge, Receiver receiver, long seed, int bodies) {
        this.edge = edge;
        this.receiver = receiver;
        this.seed = seed;
        this.bodies = bodies;
    }

    /** Runs the cases and checks everything but the heap bound, which {@link #assertHealthy} checks. */
    FuzzReport run() throws InterruptedException {
        System.out.println("[fuzz] " + receiver.name() + ": seed " + seed + " (-Dkubemate.fuzz.seed=" + seed
                + " reproduces it), " + bodies + " bodies to " + receiver.path());
        ExecutorService workers = Executors.newFixedThreadPool(CONCURRENCY);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(workers)
                .build();
        HostileCases cases = new HostileCases(receiver, seed);
        ExecutorService senders = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            sendValid(client); // warms up the server, the parsers and the connections before the heap is measured
            receiver.clearSink().run();
            long heapBefore = usedHeapAfterGc();
            long start = System.nanoTime();
            AtomicInteger next = new AtomicInteger();
            for (int t = 0; t < CONCURRENCY; t++) {
                senders.submit(() -> {
                    for (int i = next.getAndIncrement(); i < bodies; i = next.getAndIncrement()) {
                        FuzzCase c = cases.generate(i);
                        check(c, send(client, c));
                        kinds.computeIfAbsent(c.kind().replaceAll("-[0-9]+$", ""), k -> new LongAdder())
                                .increment();
                    }
                    return null;
                });
            }
            senders.shutdown();
            assertThat(senders.awaitTermination(10, TimeUnit.MINUTES))
                    .as("fuzz run finished")
                    .isTrue();
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            long sinkRecords = receiver.sinkRecords().getAsInt();
            receiver.clearSink().run();
            long heapGrowth = usedHeapAfterGc() - heapBefore;
            assertThat(sendValid(client))
                    .as("a real body is accepted after the fuzz")
                    .isBetween(200, 299);
            FuzzReport report = new FuzzReport(
                    receiver.name(),
                    seed,
                    bodies,
                    wall,
                    new TreeMap<>(Map.copyOf(
                            statuses.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue()
                                    .sum())))),
                    List.copyOf(failures),
                    failureCount.get(),
                    expectedRecords.get(),
                    sinkRecords,
                    heapGrowth,
                    new TreeMap<>(
                            kinds.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue()
                                    .sum()))));
            System.out.println(report.summary());
            System.out.println("[fuzz] " + receiver.name() + " cases by kind: " + report.kinds());
            return report;
        } finally {
            senders.shutdownNow();
            workers.shutdownNow();
        }
    }

    /** Every answer as expected, the sink holding exactly the accepted records, the heap grown by less than the bound. */
    static void assertHealthy(FuzzReport report, long maxHeapGrowthBytes) {
        assertThat(report.failures())
                .as("unexpected answers (%d in all), seed %d", report.failureCount(), report.seed())
                .isEmpty();
        assertThat(report.statuses().keySet()).as("statuses").allMatch(s -> s < 500);
        assertThat(report.sinkRecords())
                .as("records in the sink = records of the bodies answered 2xx")
                .isEqualTo(report.expectedRecords());
        assertThat(report.heapGrowthBytes()).as("heap growth after GC").isLessThan(maxHeapGrowthBytes);
    }

    private int sendValid(HttpClient client) {
        FuzzCase valid = new FuzzCase(
                -1,
                "valid",
                receiver.contentType(),
                null,
                Map.of(),
                receiver.valid(),
                receiver.valid(),
                false,
                Expect.INVALID_OR_VALID);
        Outcome outcome = send(client, valid);
        return outcome.response == null ? -1 : outcome.response.statusCode();
    }

    private Outcome send(HttpClient client, FuzzCase c) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + edge.server.port() + receiver.path()))
                .timeout(REQUEST_TIMEOUT)
                .POST(
                        c.chunked()
                                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(c.body()))
                                : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        if (c.contentType() != null) {
            request.header("Content-Type", c.contentType());
        }
        if (c.contentEncoding() != null) {
            request.header("Content-Encoding", c.contentEncoding());
        }
        c.headers().forEach(request::header);
        try {
            return new Outcome(client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()), null);
        } catch (HttpTimeoutException e) {
            return new Outcome(null, "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s (a hang)");
        } catch (IOException e) {
            return new Outcome(null, "I/O error: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted");
        }
    }

    private void check(FuzzCase c, Outcome outcome) {
        if (outcome.response == null) {
            fail(c, outcome.error);
            return;
        }
        int status = outcome.response.statusCode();
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        if (status == 431 && !c.headers().isEmpty()) {
            // the extra (CloudEvents) headers were over Jetty's header size limit: refused before any receiver
            String problem = problemType(outcome.response, "header-fields-too-large");
            if (problem != null) {
                fail(c, problem + ", got 431");
            }
            return;
        }
        String problem =
                switch (c.expect()) {
                    case INVALID -> status == 400 ? badRequestProblem(outcome.response) : "expected 400";
                    case TOO_LARGE -> status == 413 ? problemType(outcome.response, "body-too-large") : "expected 413";
                    case UNSUPPORTED -> status == 415
                            ? problemType(outcome.response, "unsupported-media-type")
                            : "expected 415";
                    case INVALID_OR_VALID -> status == 400
                            ? badRequestProblem(outcome.response)
                            : status >= 200 && status < 300 ? accepted(c) : "expected 400 or 2xx";
                };
        if (problem != null) {
            fail(
                    c,
                    problem + ", got " + status + " "
                            + shorten(new String(outcome.response.body(), StandardCharsets.UTF_8)));
        }
    }

    /** A 2xx is right only when the parser, run apart from the server, accepts the body too; counts its records. */
    private String accepted(FuzzCase c) {
        try {
            expectedRecords.addAndGet(receiver.offlineRecords().applyAsInt(c));
            return null;
        } catch (InvalidInputException e) {
            return "accepted a body the parser rejects (" + e.field() + ": " + e.getMessage() + ")";
        }
    }

    private static String badRequestProblem(HttpResponse<byte[]> response) {
        String wrongType = problemType(response, "invalid-field");
        if (wrongType != null) {
            return wrongType;
        }
        JsonNode field = tree(response).get("field");
        return field != null && field.isTextual() && !field.asText().isEmpty() ? null : "400 without a field";
    }

    private static String problemType(HttpResponse<byte[]> response, String slug) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return "not a problem+json answer";
        }
        JsonNode problem = tree(response);
        return problem.path("type").asText().endsWith("/" + slug) ? null : "problem type is not " + slug;
    }

    private static JsonNode tree(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private void fail(FuzzCase c, String what) {
        failureCount.incrementAndGet();
        if (failures.size() < FAILURES_KEPT) {
            failures.add(c + ": " + what);
        }
    }

    private static String shorten(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    /** Used heap after a few full collections (G1 runs a full GC on System.gc()). */
    static long usedHeapAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private record Outcome(HttpResponse<byte[]> response, String error) {}
}
