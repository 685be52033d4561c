package io.kubemate.ingest.pull;

import static io.kubemate.ingest.pull.TestCalls.GUARD;
import static io.kubemate.ingest.pull.TestCalls.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.EvidenceKind;
import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.ingest.pull.BackendStatus.Outcome;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link EnrichmentService} against local Loki, Jaeger and Prometheus stand-ins answering in their documented formats:
 * evidence from each, and how it degrades when a backend is slow, failing, dead or overloaded.
 */
class EnrichmentServiceContractTest {
    private static final Instant FROM = Instant.parse("2026-11-25T16:50:00Z");
    private static final Instant TO = Instant.parse("2026-11-25T17:00:00Z");
    private static final String EXPRESSION = "sum(rate(http_requests_total{status=~\"5..\"}[5m]))";
    private static final String GENERATOR_URL = "http://prometheus.example:9090/graph?g0.expr="
            + "sum%28rate%28http_requests_total%7Bstatus%3D~%225..%22%7D%5B5m%5D%29%29";
    private static final String MATRIX =
            """
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"service":"checkout"},
               "values":[[1795625400,"0.01"],[1795625700,"0.25"],[1795626000,"0.2"]]}]}}
            """;

    private final FakeBackend loki = FakeBackend.start();
    private final FakeBackend jaeger = FakeBackend.start();
    private final FakeBackend prometheus = FakeBackend.start();
    private final MutableClock clock = new MutableClock(TO);
    private final List<EnrichmentService> services = new ArrayList<>();

    @AfterEach
    void stop() {
        services.forEach(EnrichmentService::close);
        loki.close();
        jaeger.close();
        prometheus.close();
    }

    private PullSettings.Builder allThree() {
        return PullSettings.builder()
                .lokiUrl(loki.url())
                .jaegerUrl(jaeger.url())
                .prometheusUrl(prometheus.url())
                .requestTimeout(Duration.ofSeconds(5))
                .requestDeadline(GUARD.dividedBy(2));
    }

    private EnrichmentService service(PullSettings.Builder settings) {
        return service(settings, UnaryOperator.identity());
    }

    private EnrichmentService service(PullSettings.Builder settings, UnaryOperator<String> redactor) {
        EnrichmentService service = new EnrichmentService(settings.build(), redactor, clock);
        services.add(service);
        return service;
    }

    private static EnrichmentRequest request(String... serviceNames) {
        return new EnrichmentRequest(
                "inc-1",
                Set.of(serviceNames),
                FROM,
                TO,
                List.of(new EnrichmentRequest.Alert("HighErrorRate", GENERATOR_URL)));
    }

    private void answerAll() {
        loki.answerJson(200, FakeBackend.resource("query-range-streams-response.json"));
        jaeger.answerJson(200, FakeBackend.resource("api-traces-search-response.json"));
        prometheus.answerJson(200, MATRIX);
    }

    @Test
    void pullsEvidenceFromEveryConfiguredBackend() {
        answerAll();
        EnrichmentService service = service(allThree());

        EnrichmentResult result = await(service.enrich(request("checkout", "payments")));

        assertThat(result.incidentId()).isEqualTo("inc-1");
        assertThat(result.statusBySource())
                .containsEntry("loki-query", "ok")
                .containsEntry("jaeger", "ok")
                .containsEntry("prometheus", "ok");
        assertThat(result.items(PullBackend.LOKI))
                .extracting(EvidenceItem::key)
                .containsExactly("log-template/checkout/loki-query", "log-template/payments/loki-query");
        EvidenceItem logSummary = result.items(PullBackend.LOKI).get(1);
        assertThat(logSummary.kind()).isEqualTo(EvidenceKind.LOG_TEMPLATE);
        assertThat(logSummary.source()).isEqualTo("loki-query");
        assertThat(logSummary.title()).isEqualTo("payments: 3 warning/error lines in Loki (2 error, 1 warn)");
        assertThat(logSummary.lines()).hasSize(2).first().asString().contains("charge failed");
        assertThat(result.logs()).hasSize(6).extracting(LogEntry::source).containsOnly("loki-query");
        assertThat(result.spans())
                .as("the same trace found for both services is kept once")
                .hasSize(4);
        assertThat(result.items(PullBackend.JAEGER))
                .extracting(EvidenceItem::title)
                .containsExactly(
                        "payments SELECT payments.accounts failed in 12.2 ms",
                        "checkout POST /api/checkout 502 in 15.8 ms",
                        "checkout POST → payments.shop.svc 503 in 14.7 ms",
                        "payments POST /v1/charge 503 in 13.4 ms");
        EvidenceItem origin = result.items(PullBackend.JAEGER).get(0);
        assertThat(origin.kind()).isEqualTo(EvidenceKind.SPAN);
        assertThat(origin.source()).isEqualTo("jaeger");
        assertThat(origin.attributes())
                .containsEntry("traceId", "bd415fdac3196c3f913df0166dad40d5")
                .containsEntry("spanId", "86520628e61958ec")
                .containsEntry("origin", "true")
                .containsKey("durationMs");
        assertThat(result.items(PullBackend.JAEGER).get(1).attributes())
                .containsEntry("httpStatus", "502")
                .containsEntry("durationMs", "15.84");
        EvidenceItem metric = result.items(PullBackend.PROMETHEUS).get(0);
        assertThat(metric.kind()).isEqualTo(EvidenceKind.METRIC);
        assertThat(metric.source()).isEqualTo("prometheus");
        assertThat(metric.title()).isEqualTo(EXPRESSION);
        assertThat(metric.service()).isEqualTo("checkout");
        assertThat(metric.lines()).first().isEqualTo("series {service=\"checkout\"}");
        assertThat(metric.attributes())
                .containsEntry("min", "0.01")
                .containsEntry("max", "0.25")
                .containsEntry("last", "0.2")
                .containsEntry("alertname", "HighErrorRate");
    }

    @Test
    void asksPrometheusAtItsConfiguredUrlNeverAtTheGeneratorUrlsHost() {
        answerAll();
        EnrichmentService service = service(allThree().prometheusLookback(Duration.ofMinutes(30)));
        EnrichmentRequest request = new EnrichmentRequest(
                "inc-2",
                Set.of(),
                FROM,
                TO,
                List.of(new EnrichmentRequest.Alert(
                        "Up", "http://169.254.169.254:9090/graph?g0.expr=up%7Bjob%3D%22api%22%7D")));

        EnrichmentResult result = await(service.enrich(request));

        assertThat(result.status(PullBackend.PROMETHEUS).isOk()).isTrue();
        FakeBackend.Request asked = prometheus.nextRequest(GUARD);
        assertThat(asked.param("query")).isEqualTo("up{job=\"api\"}");
        assertThat(asked.param("start"))
                .isEqualTo(Long.toString(FROM.minus(Duration.ofMinutes(30)).getEpochSecond()));
        assertThat(asked.param("end")).isEqualTo(Long.toString(TO.getEpochSecond()));
        assertThat(asked.param("step")).isEqualTo("20");
    }

    @Test
    void neverBlocksTheCallerAndAnswersWhatItHasAtTheDeadline() {
        loki.hold();
        jaeger.hold();
        prometheus.hold();
        EnrichmentService service =
                service(allThree().requestTimeout(GUARD.multipliedBy(2)).requestDeadline(Duration.ofMillis(500)));

        CompletableFuture<EnrichmentResult> future = service.enrich(request("checkout"));

        assertThat(future).as("enrich returns before any backend has answered").isNotDone();
        loki.nextRequest(GUARD);
        EnrichmentResult result = await(future);
        assertThat(result.status().values()).allSatisfy(status -> {
            assertThat(status.outcome()).isEqualTo(Outcome.TIMEOUT);
            assertThat(status.message()).contains("1 of 1 queries unanswered", "request deadline of 500 ms");
        });
        assertThat(result.allItems()).isEmpty();
    }

    @Test
    void aSlowBackendDegradesOnlyItsOwnEvidence() {
        answerAll();
        loki.hold();
        EnrichmentService service = service(allThree().requestTimeout(Duration.ofMillis(300)));

        EnrichmentResult result = await(service.enrich(request("checkout")));

        assertThat(result.status(PullBackend.LOKI).outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(result.status(PullBackend.LOKI).message()).contains("loki gave no complete answer", "300 ms");
        assertThat(result.status(PullBackend.JAEGER).isOk()).isTrue();
        assertThat(result.status(PullBackend.PROMETHEUS).isOk()).isTrue();
        assertThat(result.items(PullBackend.LOKI)).isEmpty();
        assertThat(result.items(PullBackend.JAEGER)).isNotEmpty();
        assertThat(result.items(PullBackend.PROMETHEUS)).isNotEmpty();
    }

    @Test
    void skipsAFailingBackendAfterRepeatedFailuresAndTriesAgainAfterTheBackoff() {
        loki.answer(503, "text/plain", "ingester unavailable".getBytes());
        EnrichmentService service = service(PullSettings.builder()
                .lokiUrl(loki.url())
                .failureThreshold(2)
                .backoffBase(Duration.ofMinutes(1))
                .backoffMax(Duration.ofMinutes(10)));

        assertThat(await(service.enrich(request("checkout")))
                        .status(PullBackend.LOKI)
                        .describe())
                .startsWith("error: loki answered 503");
        assertThat(await(service.enrich(request("checkout")))
                        .status(PullBackend.LOKI)
                        .outcome())
                .isEqualTo(Outcome.ERROR);
        assertThat(service.circuitStates()).containsEntry(PullBackend.LOKI, "open");

        BackendStatus skipped = await(service.enrich(request("checkout"))).status(PullBackend.LOKI);

        assertThat(skipped.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(skipped.message()).contains("circuit open after 2 consecutive failures", "next try in 60 s");
        assertThat(loki.requestCount()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        loki.answerJson(200, FakeBackend.resource("query-range-streams-response.json"));

        assertThat(await(service.enrich(request("checkout")))
                        .status(PullBackend.LOKI)
                        .isOk())
                .isTrue();
        assertThat(loki.requestCount()).isEqualTo(3);
        assertThat(service.circuitStates()).containsEntry(PullBackend.LOKI, "closed");
    }

    @Test
    void skipsADeadBackendQuickly() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        EnrichmentService service = service(PullSettings.builder()
                .jaegerUrl("http://127.0.0.1:" + closedPort)
                .failureThreshold(1)
                .backoffBase(Duration.ofMinutes(5)));

        BackendStatus first = await(service.enrich(request("checkout"))).status(PullBackend.JAEGER);
        BackendStatus second = await(service.enrich(request("checkout"))).status(PullBackend.JAEGER);

        assertThat(first.describe()).startsWith("error: jaeger refused the connection");
        assertThat(second.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(second.message()).contains("circuit open");
    }

    @Test
    void rejectedQueriesDoNotOpenTheCircuit() {
        loki.answer(400, "text/plain", "parse error".getBytes());
        EnrichmentService service =
                service(PullSettings.builder().lokiUrl(loki.url()).failureThreshold(1));

        await(service.enrich(request("checkout")));
        BackendStatus second = await(service.enrich(request("checkout"))).status(PullBackend.LOKI);

        assertThat(second.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(second.message()).contains("rejected", "400", "parse error");
        assertThat(loki.requestCount()).isEqualTo(2);
        assertThat(service.circuitStates()).containsEntry(PullBackend.LOKI, "closed");
    }

    @Test
    void dropsTheOldestWaitingRequestWhenTheQueueIsFull() {
        loki.hold();
        EnrichmentService service = service(PullSettings.builder()
                .lokiUrl(loki.url())
                .maxConcurrency(1)
                .queueCapacity(1)
                .requestTimeout(GUARD.multipliedBy(2))
                .requestDeadline(GUARD.multipliedBy(2)));
        CompletableFuture<EnrichmentResult> running = service.enrich(request("checkout"));
        loki.nextRequest(GUARD);

        CompletableFuture<EnrichmentResult> waiting = service.enrich(request("payments"));
        CompletableFuture<EnrichmentResult> newest = service.enrich(request("cart"));

        BackendStatus dropped = await(waiting).status(PullBackend.LOKI);
        assertThat(dropped.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(dropped.message()).contains("dropped");
        assertThat(service.droppedRequests()).isEqualTo(1);
        assertThat(service.queuedRequests()).isEqualTo(1);
        assertThat(running).isNotDone();
        assertThat(newest).isNotDone();

        service.close();

        assertThat(await(running).status(PullBackend.LOKI).message()).contains("closing");
        assertThat(await(newest).status(PullBackend.LOKI).message()).contains("closing");
        assertThat(await(service.enrich(request("late")))
                        .status(PullBackend.LOKI)
                        .message())
                .contains("closed");
    }

    @Test
    void asksLokiAndJaegerAboutAtMostMaxServicesOverAtMostSixHours() {
        answerAll();
        EnrichmentService service =
                service(PullSettings.builder().lokiUrl(loki.url()).maxServices(2));
        EnrichmentRequest twoDays =
                new EnrichmentRequest("inc-3", Set.of("a", "b", "c"), TO.minus(Duration.ofDays(2)), TO, List.of());

        EnrichmentResult result = await(service.enrich(twoDays));

        assertThat(result.status(PullBackend.LOKI).isOk()).isTrue();
        assertThat(loki.requests())
                .hasSize(2)
                .extracting(r -> r.param("start"))
                .containsOnly(Long.toString(TO.minus(Duration.ofHours(6)).getEpochSecond()) + "000000000");
    }

    @Test
    void saysWhyABackendHadNothingToDoAndWhichAreOff() {
        EnrichmentService service = service(PullSettings.builder().prometheusUrl(prometheus.url()));

        EnrichmentResult result =
                await(service.enrich(EnrichmentRequest.of("inc-4", Set.of("checkout"), FROM, TO, List.of(""))));

        assertThat(result.status(PullBackend.PROMETHEUS).outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(result.status(PullBackend.PROMETHEUS).message()).contains("no alert expression");
        assertThat(result.status(PullBackend.LOKI)).isEqualTo(BackendStatus.OFF);
        assertThat(result.status(PullBackend.JAEGER)).isEqualTo(BackendStatus.OFF);
        assertThat(prometheus.requestCount()).isZero();
    }

    @Test
    void withoutUrlsEverythingIsOffAtOnce() {
        EnrichmentService service = service(PullSettings.builder());

        CompletableFuture<EnrichmentResult> future = service.enrich(request("checkout"));

        assertThat(service.isEnabled()).isFalse();
        assertThat(future).isDone();
        assertThat(future.join().statusBySource()).containsOnlyKeys("loki-query", "jaeger", "prometheus");
        assertThat(future.join().statusBySource().values()).containsOnly("off");
    }

    @Test
    void redactsTheItemsButLeavesTheRawEntriesAsReceived() {
        answerAll();
        EnrichmentService service = service(
                PullSettings.builder().lokiUrl(loki.url()), text -> text.replaceAll("ord-\\d+", "ord-[redacted]"));

        EnrichmentResult result = await(service.enrich(request("payments")));

        assertThat(result.items(PullBackend.LOKI).get(0).lines()).isNotEmpty().allSatisfy(line -> assertThat(line)
                .doesNotContainPattern("ord-\\d"));
        assertThat(result.logs()).anySatisfy(entry -> assertThat(entry.line()).contains("ord-20934"));
    }
}
