package io.kubemate.ingest.pull;

import static io.kubemate.ingest.pull.TestCalls.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kubemate.core.error.UnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PrometheusQueryClient} against a local server answering in Prometheus' documented {@code
 * /api/v1/query_range} format ({@code matrix} result, {@code {"status":"error","errorType","error"}} envelope).
 */
class PrometheusQueryClientContractTest {
    private static final Instant START = Instant.parse("2026-11-25T16:20:00Z");
    private static final Instant END = Instant.parse("2026-11-25T17:00:00.250Z");
    private static final String MATRIX =
            """
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"service":"checkout","job":"api"},
               "values":[[1795625820,"0.01"],[1795625840.5,"0.25"],[1795625860,"NaN"],[1795625880,"+Inf"]]},
              {"metric":{},"values":[[1795625820,"1"]]}
            ]}}
            """;

    private final FakeBackend prometheus = FakeBackend.start();

    @AfterEach
    void stop() {
        prometheus.close();
    }

    private PrometheusQueryClient client(Duration timeout) {
        return new PrometheusQueryClient(
                TestCalls.http(prometheus.url(), "prometheus", PullAuth.bearer("t0ken"), Map.of(), timeout, 1 << 20));
    }

    private PrometheusQueryClient client() {
        return client(Duration.ofSeconds(5));
    }

    @Test
    void takesTheExpressionFromTheGeneratorUrlsOfTheAlertmanagerFixtures() {
        assertThat(PrometheusQueryClient.expressionFrom("http://prometheus.example:9090/graph?g0.expr="
                        + "sum%28rate%28http_requests_total%7Bstatus%3D~%225..%22%7D%5B5m%5D%29%29"))
                .hasValue("sum(rate(http_requests_total{status=~\"5..\"}[5m]))");
        assertThat(PrometheusQueryClient.expressionFrom(
                        "http://vm:9090/graph?g0.expr=up%7Bjob%3D%22alertmanager%22%7D+%3D%3D+1&g0.tab=1"))
                .hasValue("up{job=\"alertmanager\"} == 1");
        assertThat(PrometheusQueryClient.expressionFrom("http://vm:9090/graph?g0.tab=1&g0.expr=node_load1"))
                .hasValue("node_load1");
    }

    @Test
    void findsNoExpressionWhereThereIsNone() {
        assertThat(PrometheusQueryClient.expressionFrom("")).isEmpty();
        assertThat(PrometheusQueryClient.expressionFrom(null)).isEmpty();
        assertThat(PrometheusQueryClient.expressionFrom("http://vm:9090/graph")).isEmpty();
        assertThat(PrometheusQueryClient.expressionFrom("http://vmalert/alert?group_id=1&alert_id=2"))
                .isEmpty();
        assertThat(PrometheusQueryClient.expressionFrom("not a url at all")).isEmpty();
        assertThat(PrometheusQueryClient.expressionFrom("http://p/graph?g0.expr=%zz"))
                .isEmpty();
    }

    @Test
    void choosesAStepOfAboutAHundredTwentyPointsAndAtLeastFiveSeconds() {
        assertThat(PrometheusQueryClient.stepFor(START, START.plus(Duration.ofMinutes(40))))
                .isEqualTo(Duration.ofSeconds(20));
        assertThat(PrometheusQueryClient.stepFor(START, START.plus(Duration.ofMinutes(1))))
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(PrometheusQueryClient.stepFor(
                        START, START.plus(Duration.ofHours(6).plusSeconds(1))))
                .isEqualTo(Duration.ofSeconds(181));
    }

    @Test
    void asksQueryRangeInSecondsWithTheStep() {
        prometheus.answerJson(200, MATRIX);

        client().queryRange(
                        "sum(rate(http_requests_total{status=~\"5..\"}[5m]))", START, END, Duration.ofSeconds(20), 10);

        FakeBackend.Request request = prometheus.nextRequest(TestCalls.GUARD);
        assertThat(request.path()).isEqualTo("/api/v1/query_range");
        assertThat(request.param("query")).isEqualTo("sum(rate(http_requests_total{status=~\"5..\"}[5m]))");
        assertThat(request.param("start")).isEqualTo("1795623600");
        assertThat(request.param("end")).isEqualTo("1795626000.25");
        assertThat(request.param("step")).isEqualTo("20");
        assertThat(request.header("Authorization")).isEqualTo("Bearer t0ken");
    }

    @Test
    void readsTheMatrixWithFractionalTimesAndSpecialValues() {
        prometheus.answerJson(200, MATRIX);

        List<MetricSeries> series = client().queryRange("x", START, END, Duration.ofSeconds(20), 10);

        assertThat(series).hasSize(2);
        MetricSeries first = series.get(0);
        assertThat(first.labels()).containsEntry("service", "checkout").containsEntry("job", "api");
        assertThat(first.points()).hasSize(4);
        assertThat(first.points().get(1).time()).isEqualTo(Instant.ofEpochSecond(1795625840L, 500_000_000L));
        assertThat(first.points().get(1).value()).isCloseTo(0.25, within(1e-12));
        assertThat(first.points().get(2).value()).isNaN();
        assertThat(first.points().get(3).value()).isInfinite().isPositive();
        assertThat(series.get(1).labels()).isEmpty();
    }

    @Test
    void keepsAtMostMaxSeries() {
        prometheus.answerJson(200, MATRIX);

        assertThat(client().queryRange("x", START, END, Duration.ofSeconds(20), 1))
                .hasSize(1);
    }

    @Test
    void readsTheLokiMatrixFixtureToo() {
        prometheus.answerJson(200, FakeBackend.resource("query-range-matrix-response.json"));

        List<MetricSeries> series = client().queryRange("x", START, END, Duration.ofSeconds(30), 10);

        assertThat(series).hasSize(2);
        assertThat(series.get(0).points()).extracting(MetricSeries.Point::value).containsExactly(0.0, 4.0, 37.0);
    }

    @Test
    void badExpressionsAreRejectedWithPrometheusError() {
        prometheus.answerJson(
                400,
                "{\"status\":\"error\",\"errorType\":\"bad_data\","
                        + "\"error\":\"invalid parameter \\\"query\\\": 1:5: parse error: unexpected identifier\"}");

        Throwable failure = failureOf(() -> client().queryRange("up up", START, END, Duration.ofSeconds(20), 10));

        assertThat(failure).isInstanceOf(QueryRejectedException.class);
        assertThat(failure.getMessage())
                .contains("400", "bad_data", "parse error")
                .doesNotContain("t0ken");
    }

    @Test
    void anExpressionThatCannotRunIsRejected() {
        prometheus.answerJson(
                422,
                "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"many-to-many matching not allowed\"}");

        Throwable failure = failureOf(() -> client().queryRange("a / b", START, END, Duration.ofSeconds(20), 10));

        assertThat(failure).isInstanceOf(QueryRejectedException.class);
        assertThat(((QueryRejectedException) failure).statusCode()).isEqualTo(422);
    }

    @Test
    void aQueryTimeoutInsidePrometheusIsUnavailable() {
        prometheus.answerJson(
                503,
                "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in expression evaluation\"}");

        Throwable failure = failureOf(() -> client().queryRange("x", START, END, Duration.ofSeconds(20), 10));

        assertThat(failure).isInstanceOf(UnavailableException.class);
        assertThat(failure.getMessage()).contains("503", "timeout: query timed out");
    }

    @Test
    void givesUpAtItsTimeoutWhenPrometheusHoldsTheAnswer() {
        prometheus.hold();
        PrometheusQueryClient client = client(Duration.ofMillis(300));

        Throwable failure = failureOf(() -> client.queryRange("x", START, END, Duration.ofSeconds(20), 10));

        assertThat(failure).isInstanceOf(BackendTimeoutException.class);
    }

    @Test
    void otherResultTypesAndBrokenSamplesAreMalformed() {
        prometheus.answerJson(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
        assertThat(failureOf(() -> client().queryRange("x", START, END, Duration.ofSeconds(20), 10)))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("vector");

        prometheus.answerJson(
                200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},"
                        + "\"values\":[[\"1795625820\",1]]}]}}");
        assertThat(failureOf(() -> client().queryRange("x", START, END, Duration.ofSeconds(20), 10)))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("/data/result/0/values/0");
    }
}
