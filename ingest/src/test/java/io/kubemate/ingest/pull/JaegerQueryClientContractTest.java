package io.kubemate.ingest.pull;

import static io.kubemate.ingest.pull.TestCalls.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.error.UnavailableException;
import io.kubemate.core.telemetry.SpanKind;
import io.kubemate.core.telemetry.SpanRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link JaegerQueryClient} against a local server answering in Jaeger query's documented {@code /api/traces} format. */
class JaegerQueryClientContractTest {
    private static final Instant FROM = Instant.parse("2026-11-25T16:50:00Z");
    private static final Instant TO = Instant.parse("2026-11-25T17:00:00.000250Z");
    private static final String TRACE = "bd415fdac3196c3f913df0166dad40d5";

    private final FakeBackend jaeger = FakeBackend.start();

    @AfterEach
    void stop() {
        jaeger.close();
    }

    private JaegerQueryClient client(PullAuth auth, Duration timeout) {
        return new JaegerQueryClient(TestCalls.http(jaeger.url(), "jaeger", auth, Map.of(), timeout, 1 << 20));
    }

    private JaegerQueryClient client() {
        return client(PullAuth.NONE, Duration.ofSeconds(5));
    }

    @Test
    void asksForErrorTracesOfTheServiceInMicroseconds() {
        jaeger.answerJson(200, FakeBackend.resource("api-traces-search-response.json"));

        client(PullAuth.basic("viewer", "pw"), Duration.ofSeconds(5)).errorTraces("checkout", FROM, TO, 20);

        FakeBackend.Request request = jaeger.nextRequest(TestCalls.GUARD);
        assertThat(request.path()).isEqualTo("/api/traces");
        assertThat(request.param("service")).isEqualTo("checkout");
        assertThat(request.param("start")).isEqualTo("1795625400000000");
        assertThat(request.param("end")).isEqualTo("1795626000000250");
        assertThat(request.param("limit")).isEqualTo("20");
        assertThat(request.param("tags")).isEqualTo("{\"error\":\"true\"}");
        assertThat(request.header("Authorization")).startsWith("Basic ");
    }

    @Test
    void readsTheSearchFixtureIntoSpansWithServicesParentsAndErrors() {
        jaeger.answerJson(200, FakeBackend.resource("api-traces-search-response.json"));

        List<SpanRecord> spans = client().errorTraces("checkout", FROM, TO, 20);

        assertThat(spans).hasSize(4).allSatisfy(span -> {
            assertThat(span.traceId()).isEqualTo(TRACE);
            assertThat(span.source()).isEqualTo("jaeger");
            assertThat(span.error()).isTrue();
        });
        assertThat(spans)
                .extracting(SpanRecord::service)
                .containsExactly("checkout", "checkout", "payments", "payments");
        assertThat(spans)
                .extracting(SpanRecord::parentSpanId)
                .containsExactly("", "f54c16f4597a02c6", "0c3c0e7a5f2d1b9e", "bfb26f457b1f124e");
        SpanRecord root = spans.get(0);
        assertThat(root.isRoot()).isTrue();
        assertThat(root.name()).isEqualTo("POST /api/checkout");
        assertThat(root.kind()).isEqualTo(SpanKind.SERVER);
        assertThat(root.start()).isEqualTo(Instant.ofEpochSecond(1795625901L, 701_000_000L));
        assertThat(root.durationNanos()).isEqualTo(15_840_000L);
        assertThat(root.httpStatus()).isEqualTo(502);
        assertThat(root.statusMessage()).isEqualTo("upstream payments returned 503");
        assertThat(root.attributes()).containsEntry("http.route", "/api/checkout");
        assertThat(spans.get(1).kind()).isEqualTo(SpanKind.CLIENT);
        assertThat(spans.get(1).attributes()).containsEntry("server.address", "payments.shop.svc");
        SpanRecord db = spans.get(3);
        assertThat(db.httpStatus()).isZero();
        assertThat(db.statusMessage()).isEqualTo("connection timeout");
        assertThat(db.attributes())
                .containsEntry("exception.type", "java.sql.SQLTransientConnectionException")
                .containsEntry("db.system.name", "postgresql");
    }

    @Test
    void padsShortIdsAndTellsErrorsByHttpStatusOrExceptionEvent() {
        jaeger.answerJson(
                200,
                """
                {"data":[{"traceID":"3c3f913df0166dad40d5","processes":{"p1":{"serviceName":"cart","tags":[]}},"spans":[
                  {"traceID":"3c3f913df0166dad40d5","spanID":"c3c0e7a5f2d1b9e","operationName":"GET /cart",
                   "references":[],"startTime":1795625901000000,"duration":1200000,"processID":"p1",
                   "tags":[{"key":"http.status_code","type":"string","value":"504"}],"logs":[]},
                  {"traceID":"3c3f913df0166dad40d5","spanID":"00000000000000aa","operationName":"load",
                   "references":[{"refType":"FOLLOWS_FROM","traceID":"3c3f913df0166dad40d5","spanID":"c3c0e7a5f2d1b9e"}],
                   "startTime":1795625901000100,"duration":500,"processID":"p1",
                   "tags":[],"logs":[{"timestamp":1795625901000200,"fields":[
                     {"key":"event","type":"string","value":"exception"},
                     {"key":"exception.message","type":"string","value":"cache miss storm"}]}]},
                  {"traceID":"3c3f913df0166dad40d5","spanID":"bb","operationName":"ok",
                   "references":[{"refType":"CHILD_OF","traceID":"3c3f913df0166dad40d5","spanID":"c3c0e7a5f2d1b9e"}],
                   "startTime":1795625901000300,"duration":10,"processID":"p1","tags":[{"key":"error","type":"bool","value":false}]}
                ]}],"total":0,"limit":0,"offset":0,"errors":null}
                """);

        List<SpanRecord> spans = client().errorTraces("cart", FROM, TO, 20);

        assertThat(spans).extracting(SpanRecord::traceId).containsOnly("0000000000003c3f913df0166dad40d5");
        assertThat(spans)
                .extracting(SpanRecord::spanId)
                .containsExactly("0c3c0e7a5f2d1b9e", "00000000000000aa", "00000000000000bb");
        assertThat(spans)
                .extracting(SpanRecord::parentSpanId)
                .containsExactly("", "0c3c0e7a5f2d1b9e", "0c3c0e7a5f2d1b9e");
        assertThat(spans).extracting(SpanRecord::error).containsExactly(true, true, false);
        assertThat(spans.get(0).httpStatus()).isEqualTo(504);
        assertThat(spans.get(1).statusMessage()).isEqualTo("cache miss storm");
    }

    @Test
    void anEmptyAnswerIsNoSpans() {
        jaeger.answerJson(200, "{\"data\":[],\"total\":0,\"limit\":0,\"offset\":0,\"errors\":null}");

        assertThat(client().errorTraces("checkout", FROM, TO, 20)).isEmpty();
    }

    @Test
    void theErrorsEnvelopeWith400IsARejectedQuery() {
        jaeger.answerJson(400, FakeBackend.resource("api-error-response.json"));

        Throwable failure = failureOf(() -> client().errorTraces("checkout", FROM, TO, 20));

        assertThat(failure).isInstanceOf(QueryRejectedException.class);
        assertThat(failure.getMessage()).contains("400", "parameter 'service' is required");
    }

    @Test
    void theErrorsEnvelopeWith200IsJudgedByItsCode() {
        jaeger.answerJson(
                200,
                "{\"data\":null,\"total\":0,\"limit\":0,\"offset\":0,"
                        + "\"errors\":[{\"code\":500,\"msg\":\"storage unavailable\"}]}");

        Throwable failure = failureOf(() -> client().errorTraces("checkout", FROM, TO, 20));

        assertThat(failure).isInstanceOf(UnavailableException.class);
        assertThat(failure.getMessage()).contains("storage unavailable");
    }

    @Test
    void serverErrorsAreUnavailable() {
        jaeger.answerJson(502, "{\"data\":null,\"errors\":[{\"code\":502,\"msg\":\"bad gateway\"}]}");

        Throwable failure = failureOf(() -> client().errorTraces("checkout", FROM, TO, 20));

        assertThat(failure).isInstanceOf(UnavailableException.class);
        assertThat(failure.getMessage()).contains("502", "bad gateway");
    }

    @Test
    void givesUpAtItsTimeoutWhenJaegerHoldsTheAnswer() {
        jaeger.hold();
        JaegerQueryClient client = client(PullAuth.NONE, Duration.ofMillis(300));

        Throwable failure = failureOf(() -> client.errorTraces("checkout", FROM, TO, 20));

        assertThat(failure).isInstanceOf(BackendTimeoutException.class);
        assertThat(failure.getMessage()).contains("jaeger", "300 ms");
    }

    @Test
    void malformedJsonAndWrongShapesAreMalformed() {
        jaeger.answer(200, "text/html", "<html>login</html>".getBytes());
        assertThat(failureOf(() -> client().errorTraces("checkout", FROM, TO, 20)))
                .isInstanceOf(MalformedResponseException.class);

        jaeger.answerJson(200, "{\"data\":[{\"traceID\":\"zz\",\"spans\":[{\"traceID\":\"zz\",\"spanID\":\"1\"}]}]}");
        assertThat(failureOf(() -> client().errorTraces("checkout", FROM, TO, 20)))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("/data/0/spans/0");
    }
}
