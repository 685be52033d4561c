package io.kubemate.ingest.pull;

import static io.kubemate.ingest.pull.TestCalls.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.error.UnavailableException;
import io.kubemate.core.telemetry.LogEntry;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link LokiQueryClient} against a local server answering in Loki's documented {@code query_range} format. */
class LokiQueryClientContractTest {
    private static final Instant FROM = Instant.parse("2026-11-25T16:50:00Z");
    private static final Instant TO = Instant.parse("2026-11-25T17:00:00.5Z");

    private final FakeBackend loki = FakeBackend.start();

    @AfterEach
    void stop() {
        loki.close();
    }

    private LokiQueryClient client(PullAuth auth, Map<String, String> headers, Duration timeout, long maxBytes) {
        return new LokiQueryClient(
                TestCalls.http(loki.url(), "loki", auth, headers, timeout, maxBytes),
                "service_name",
                PullSettings.DEFAULT_LOKI_LINE_FILTER);
    }

    private LokiQueryClient client() {
        return client(PullAuth.NONE, Map.of(), Duration.ofSeconds(5), 1024 * 1024);
    }

    @Test
    void asksQueryRangeInNanosecondsBackwardWithTheServiceSelectorTenantAndToken() {
        loki.answerJson(200, FakeBackend.resource("query-range-streams-response.json"));
        LokiQueryClient client = client(
                PullAuth.bearer("s3cret-token"), Map.of("X-Scope-OrgID", "team-a"), Duration.ofSeconds(5), 1 << 20);

        client.queryErrors("checkout", FROM, TO, 50);

        FakeBackend.Request request = loki.nextRequest(TestCalls.GUARD);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/loki/api/v1/query_range");
        assertThat(request.param("query"))
                .isEqualTo("{service_name=\"checkout\"} |~ \"(?i)(error|warn|exception|fatal|panic|critical)\"");
        assertThat(request.param("start")).isEqualTo("1795625400000000000");
        assertThat(request.param("end")).isEqualTo("1795626000500000000");
        assertThat(request.param("limit")).isEqualTo("50");
        assertThat(request.param("direction")).isEqualTo("backward");
        assertThat(request.header("X-Scope-OrgID")).isEqualTo("team-a");
        assertThat(request.header("Authorization")).isEqualTo("Bearer s3cret-token");
    }

    @Test
    void sendsBasicAuth() {
        loki.answerJson(200, FakeBackend.resource("query-range-streams-response.json"));

        client(PullAuth.basic("grafana", "pa:ss"), Map.of(), Duration.ofSeconds(5), 1 << 20)
                .queryErrors("checkout", FROM, TO, 10);

        assertThat(loki.nextRequest(TestCalls.GUARD).header("Authorization")).isEqualTo("Basic Z3JhZmFuYTpwYTpzcw==");
    }

    @Test
    void escapesQuotesBackslashesAndNewlinesInTheServiceName() {
        loki.answerJson(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":[]}}");

        List<LogEntry> entries = client().queryErrors("we\"ird\\name\n", FROM, TO, 10);

        assertThat(entries).isEmpty();
        assertThat(loki.nextRequest(TestCalls.GUARD).param("query"))
                .startsWith("{service_name=\"we\\\"ird\\\\name\\n\"} |~ ");
    }

    @Test
    void readsTheStreamsFixtureNewestFirstWithSeverityLabelsAndTraceIds() {
        loki.answerJson(200, FakeBackend.resource("query-range-streams-response.json"));

        List<LogEntry> entries = client().queryErrors("payments", FROM, TO, 100);

        assertThat(entries).hasSize(3);
        assertThat(entries).extracting(LogEntry::time).isSortedAccordingTo((a, b) -> b.compareTo(a));
        LogEntry newest = entries.get(0);
        assertThat(newest.time()).isEqualTo(Instant.ofEpochSecond(1795625880L, 980_000_000L));
        assertThat(newest.service()).isEqualTo("payments");
        assertThat(newest.severity()).isEqualTo("error");
        assertThat(newest.source()).isEqualTo("loki-query");
        assertThat(newest.labels()).containsEntry("pod", "payments-7d9f8b6c5-abcde");
        assertThat(newest.line()).contains("HikariPool-1 - Connection is not available");
        LogEntry warn = entries.stream()
                .filter(e -> e.severity().equals("warn"))
                .findFirst()
                .orElseThrow();
        assertThat(warn.traceId()).isEqualTo("bd415fdac3196c3f913df0166dad40d5");
    }

    @Test
    void readsThreeElementValuesFlatAndCategorised() {
        loki.answerJson(
                200,
                """
                {"status":"success","data":{"resultType":"streams","encodingFlags":["categorize-labels"],"result":[
                  {"stream":{"service_name":"checkout"},"values":[
                    ["1795625880000000001","charge failed",{"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","level":"ERROR"}],
                    ["1795625880000000002","slow upstream",{"structuredMetadata":{"traceID":"3c3f913df0166dad40d5"},"parsed":{"level":"warn"}}]
                  ]}]}}
                """);

        List<LogEntry> entries = client().queryErrors("checkout", FROM, TO, 100);

        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).line()).isEqualTo("slow upstream");
        assertThat(entries.get(0).severity()).isEqualTo("warn");
        assertThat(entries.get(0).traceId()).isEqualTo("0000000000003c3f913df0166dad40d5");
        assertThat(entries.get(1).severity()).isEqualTo("error");
        assertThat(entries.get(1).traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(entries.get(1).spanId()).isEqualTo("00f067aa0ba902b7");
    }

    @Test
    void keepsAtMostTheLimitNewestEntries() {
        loki.answerJson(200, FakeBackend.resource("query-range-streams-response.json"));

        List<LogEntry> entries = client().queryErrors("payments", FROM, TO, 2);

        assertThat(entries)
                .extracting(LogEntry::time)
                .containsExactly(
                        Instant.ofEpochSecond(1795625880L, 980_000_000L),
                        Instant.ofEpochSecond(1795625880L, 140_000_000L));
    }

    @Test
    void givesUpAtItsTimeoutWhenLokiHoldsTheAnswer() {
        loki.hold();
        LokiQueryClient client = client(PullAuth.NONE, Map.of(), Duration.ofMillis(300), 1 << 20);

        Throwable failure = failureOf(() -> client.queryErrors("checkout", FROM, TO, 10));

        assertThat(failure).isInstanceOf(BackendTimeoutException.class).isInstanceOf(UnavailableException.class);
        assertThat(failure.getMessage()).contains("loki", "300 ms");
    }

    @Test
    void givesUpAtItsTimeoutWhenLokiStallsMidBody() {
        loki.holdMidBody();
        LokiQueryClient client = client(PullAuth.NONE, Map.of(), Duration.ofMillis(300), 1 << 20);

        Throwable failure = failureOf(() -> client.queryErrors("checkout", FROM, TO, 10));

        assertThat(failure).isInstanceOf(BackendTimeoutException.class);
    }

    @Test
    void serverErrorsAreUnavailableAndNeverShowTheToken() {
        loki.answer(503, "text/plain", "too many outstanding requests\n".getBytes());
        LokiQueryClient client = client(PullAuth.bearer("s3cret-token"), Map.of(), Duration.ofSeconds(5), 1 << 20);

        Throwable failure = failureOf(() -> client.queryErrors("checkout", FROM, TO, 10));

        assertThat(failure).isInstanceOf(UnavailableException.class);
        assertThat(failure.getMessage())
                .contains("503", "too many outstanding requests")
                .doesNotContain("s3cret");
        assertThat(((UnavailableException) failure).retryAfter()).isPositive();
    }

    @Test
    void badQueriesAreRejectedNotRetriable() {
        loki.answer(400, "text/plain", "parse error at line 1, col 17: syntax error: unexpected IDENTIFIER".getBytes());

        Throwable failure = failureOf(() -> client().queryErrors("checkout", FROM, TO, 10));

        assertThat(failure).isInstanceOf(QueryRejectedException.class).isNotInstanceOf(UnavailableException.class);
        assertThat(((QueryRejectedException) failure).statusCode()).isEqualTo(400);
        assertThat(failure.getMessage()).contains("400", "parse error at line 1");
    }

    @Test
    void malformedJsonIsReportedWithItsPosition() {
        loki.answerJson(200, "{\"status\":\"success\",\"data\":{\"resultType\":");

        Throwable failure = failureOf(() -> client().queryErrors("checkout", FROM, TO, 10));

        assertThat(failure).isInstanceOf(MalformedResponseException.class);
        assertThat(failure.getMessage()).contains("malformed JSON", "line 1");
    }

    @Test
    void aMatrixAnswerIsNotTakenForLines() {
        loki.answerJson(200, FakeBackend.resource("query-range-matrix-response.json"));

        Throwable failure = failureOf(() -> client().queryErrors("checkout", FROM, TO, 10));

        assertThat(failure).isInstanceOf(MalformedResponseException.class);
        assertThat(failure.getMessage()).contains("matrix");
    }

    @Test
    void aTimestampThatIsNotNanosecondsIsMalformed() {
        loki.answerJson(
                200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":[{\"stream\":{},"
                        + "\"values\":[[\"2026-11-25T16:58:00Z\",\"x\"]]}]}}");

        Throwable failure = failureOf(() -> client().queryErrors("checkout", FROM, TO, 10));

        assertThat(failure).isInstanceOf(MalformedResponseException.class);
        assertThat(failure.getMessage()).contains("/data/result/0/values/0/0");
    }

    @Test
    void anOversizedAnswerWithContentLengthIsRefusedUnread() {
        loki.answerLarge(256 * 1024, false);
        LokiQueryClient client = client(PullAuth.NONE, Map.of(), Duration.ofSeconds(5), 16 * 1024);

        Throwable failure = failureOf(() -> client.queryErrors("checkout", FROM, TO, 10));

        assertThat(failure).isInstanceOf(ResponseTooLargeException.class);
        assertThat(failure.getMessage()).contains("16384 bytes");
    }

    @Test
    void anOversizedChunkedAnswerIsCutOffAtTheLimit() {
        loki.answerLarge(4 * 1024 * 1024, true);
        LokiQueryClient client = client(PullAuth.NONE, Map.of(), Duration.ofSeconds(5), 16 * 1024);

        Throwable failure = failureOf(() -> client.queryErrors("checkout", FROM, TO, 10));

        assertThat(failure).isInstanceOf(ResponseTooLargeException.class);
    }

    @Test
    void aRefusedConnectionIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LokiQueryClient client = new LokiQueryClient(
                TestCalls.http(
                        "http://127.0.0.1:" + closedPort,
                        "loki",
                        PullAuth.NONE,
                        Map.of(),
                        Duration.ofSeconds(5),
                        1 << 20),
                "service_name",
                "error");

        Throwable failure = failureOf(() -> client.queryErrors("checkout", FROM, TO, 10));

        assertThat(failure).isInstanceOf(UnavailableException.class);
        assertThat(failure.getMessage()).contains("refused");
    }
}
