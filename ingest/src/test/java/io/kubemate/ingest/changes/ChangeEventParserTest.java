package io.kubemate.ingest.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.telemetry.ChangeEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChangeEventParserTest {
    private static final Instant NOW = Instant.parse("2026-11-25T17:00:00Z");
    private final ChangeEventParser parser = new ChangeEventParser(Clock.fixed(NOW, ZoneOffset.UTC));

    /** A Tekton v1beta1 PipelineRun as the controller sends it in its CloudEvent data (trimmed). */
    private static final String PIPELINE_RUN_DATA =
            """
            {"pipelineRun":{"metadata":{"name":"payments-deploy-x7k2p","namespace":"ci",
              "creationTimestamp":"2026-11-25T16:40:00Z",
              "labels":{"app.kubernetes.io/name":"payments","tekton.dev/pipeline":"deploy"}},
             "spec":{"pipelineRef":{"name":"deploy"},
               "params":[{"name":"git-revision","value":"a1b2c3d"},{"name":"author","value":"jane"}]},
             "status":{"startTime":"2026-11-25T16:40:01Z","completionTime":"2026-11-25T16:47:30Z",
               "conditions":[{"type":"Succeeded","status":"True","reason":"Succeeded"}],
               "pipelineResults":[{"name":"IMAGE_TAG","value":"3.2.1"}]}}}
            """;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsAPlainChangeWithAllFields() {
        String body = "{\"service\":\"payments\",\"version\":\"3.2.1\",\"kind\":\"deploy\","
                + "\"time\":\"2026-11-25T16:47:30Z\",\"url\":\"https://ci/runs/1\",\"author\":\"jane\"}";

        ChangeEvent change =
                parser.parse(bytes(body), "application/json", Map.of()).get(0);

        assertThat(change)
                .isEqualTo(new ChangeEvent(
                        change.id(),
                        "payments",
                        "3.2.1",
                        "deploy",
                        Instant.parse("2026-11-25T16:47:30Z"),
                        "https://ci/runs/1",
                        "jane",
                        "webhook",
                        ""));
        assertThat(change.id()).startsWith("chg-").hasSize(36);
    }

    @Test
    void aChangeMayNameItsClusterAndTheSameDeployToTwoClustersIsTwoChanges() {
        String deploy = "{\"service\":\"payments\",\"version\":\"3.2.1\",\"time\":\"2026-11-25T16:47:30Z\"";
        byte[] body = bytes("[" + deploy + ",\"cluster\":\"eu-west-1-prod\"}," + deploy
                + ",\"cluster\":\"us-east-1-prod\"}," + deploy + "}]");

        List<ChangeEvent> changes = parser.parse(body, null, Map.of());

        assertThat(changes).extracting(ChangeEvent::cluster).containsExactly("eu-west-1-prod", "us-east-1-prod", "");
        assertThat(changes).extracting(ChangeEvent::id).doesNotHaveDuplicates();
        // a change without a cluster keeps the id it always had
        assertThat(changes.get(2).id())
                .isEqualTo(ChangeEventParser.contentId("payments", "3.2.1", "", "2026-11-25T16:47:30Z", "", ""));
    }

    @Test
    void aResentPlainChangeKeepsItsIdEvenWithoutATime() {
        byte[] body = bytes("[{\"service\":\"payments\",\"version\":2},{\"service\":\"payments\",\"version\":\"2\"}]");

        List<ChangeEvent> changes = parser.parse(body, null, Map.of());
        List<ChangeEvent> later =
                new ChangeEventParser(Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC)).parse(body, null, Map.of());

        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).id())
                .isEqualTo(changes.get(1).id())
                .isEqualTo(later.get(0).id());
        assertThat(changes.get(0).time()).isEqualTo(NOW);
        assertThat(changes.get(0).kind()).isEqualTo("change");
    }

    @Test
    void readsATektonPipelineRunEventInStructuredMode() {
        String body = "{\"specversion\":\"1.0\",\"id\":\"0d6bd0b5-6fbb-4ad5-9a2f-1b8c5f2cf0a1\","
                + "\"source\":\"/apis///namespaces/ci//payments-deploy-x7k2p\","
                + "\"type\":\"dev.tekton.event.pipelinerun.successful.v1\",\"subject\":\"payments-deploy-x7k2p\","
                + "\"datacontenttype\":\"application/json\",\"data\":" + PIPELINE_RUN_DATA + "}";

        ChangeEvent change = parser.parse(bytes(body), "application/cloudevents+json", Map.of())
                .get(0);

        assertThat(change.id()).isEqualTo("0d6bd0b5-6fbb-4ad5-9a2f-1b8c5f2cf0a1");
        assertThat(change.service()).isEqualTo("payments");
        assertThat(change.version()).isEqualTo("3.2.1");
        assertThat(change.kind()).isEqualTo("pipeline-run");
        assertThat(change.outcome()).isEqualTo("succeeded");
        assertThat(change.time()).isEqualTo(Instant.parse("2026-11-25T16:47:30Z"));
        assertThat(change.author()).isEqualTo("jane");
        assertThat(change.source()).isEqualTo("/apis///namespaces/ci//payments-deploy-x7k2p");
    }

    @Test
    void readsATektonTaskRunEventInBinaryModeLikeTektonSendsIt() {
        String data = "{\"taskRun\":{\"metadata\":{\"name\":\"build-abc\",\"labels\":{\"tekton.dev/task\":\"build\"}},"
                + "\"spec\":{\"params\":[{\"name\":\"revision\",\"value\":\"abc123\"}]},"
                + "\"status\":{\"taskResults\":[{\"name\":\"other\",\"value\":\"x\"}]}}}";
        Map<String, String> headers = Map.of(
                "Ce-Specversion", "1.0",
                "Ce-Id", "e-1",
                "Ce-Source", "/apis/tekton.dev/v1beta1/namespaces/ci/TaskRun/build-abc",
                "Ce-Type", "dev.tekton.event.taskrun.failed.v1",
                "Ce-Subject", "build-abc",
                "Ce-Time", "2026-11-25T16:50:00.123456Z");

        ChangeEvent change =
                parser.parse(bytes(data), "application/json", headers).get(0);

        assertThat(change.service()).isEqualTo("build");
        assertThat(change.version()).isEqualTo("abc123");
        assertThat(change.kind()).isEqualTo("task-run");
        assertThat(change.outcome()).isEqualTo("failed");
        assertThat(change.time()).isEqualTo(Instant.parse("2026-11-25T16:50:00.123456Z"));
    }

    @Test
    void readsAGenericCloudEventCarryingAPlainChangeOrNamingTheServiceInItsSubject() {
        String structured =
                "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"argocd\",\"type\":\"com.example.deploy\","
                        + "\"time\":\"2026-11-25T16:00:00Z\",\"data\":{\"service\":\"checkout\",\"version\":\"1.4.0\"}}";
        Map<String, String> binary = Map.of(
                "ce-specversion", "1.0",
                "ce-id", "b",
                "ce-source", "jenkins",
                "ce-type", "com.example.release",
                "ce-subject", "search%20api");

        ChangeEvent first =
                parser.parse(bytes(structured), "application/json", Map.of()).get(0);
        ChangeEvent second = parser.parse(new byte[0], null, binary).get(0);

        assertThat(first.service()).isEqualTo("checkout");
        assertThat(first.kind()).isEqualTo("com.example.deploy");
        assertThat(first.time()).isEqualTo(Instant.parse("2026-11-25T16:00:00Z"));
        assertThat(first.source()).isEqualTo("argocd");
        assertThat(second.service()).isEqualTo("search api");
        assertThat(second.time()).isEqualTo(NOW);
    }

    @Test
    void readsACloudEventsBatch() {
        String event = "{\"specversion\":\"1.0\",\"id\":\"%s\",\"source\":\"s\",\"type\":\"t\",\"subject\":\"svc\"}";
        String batch = "[" + event.formatted("1") + "," + event.formatted("2") + "]";

        assertThat(parser.parse(bytes(batch), "application/cloudevents-batch+json", Map.of()))
                .extracting(ChangeEvent::id)
                .containsExactly("1", "2");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"version\":\"1\"} | /service",
                "{\"service\":\"\"} | /service",
                "{\"service\":{\"a\":1}} | /service",
                "{\"service\":\"a\",\"time\":\"yesterday\"} | /time",
                "[{\"service\":\"a\"},{\"service\":true}] | /1/service",
                "[1] | /0",
                "{\"specversion\":\"0.3\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\"} | /specversion",
                "{\"specversion\":\"1.0\",\"source\":\"s\",\"type\":\"t\"} | /id",
                "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\"} | /data/service",
                "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"dev.tekton.event.pipelinerun.started.v1\",\"data\":{}} | /data",
                "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\",\"data_base64\":\"!!\"} | /data_base64",
                "nope | /",
                "'' | /"
            })
    void rejectsWhatIsNotAChangeNamingTheField(String body, String field) {
        assertThatThrownBy(() -> parser.parse(bytes(body), "application/json", Map.of()))
                .asInstanceOf(type(InvalidInputException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void rejectsBinaryModeEventsWithoutRequiredHeaders() {
        Map<String, String> headers = Map.of("ce-specversion", "1.0", "ce-id", "1", "ce-type", "t");

        assertThatThrownBy(() -> parser.parse(bytes("{}"), "application/json", headers))
                .asInstanceOf(type(InvalidInputException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("ce-source"));
    }

    @Test
    void knowsWhichMediaTypesItReads() {
        assertThat(ChangeEventParser.supports("application/json; charset=utf-8"))
                .isTrue();
        assertThat(ChangeEventParser.supports("application/cloudevents+json")).isTrue();
        assertThat(ChangeEventParser.supports(null)).isTrue();
        assertThat(ChangeEventParser.supports("text/plain")).isFalse();
    }
}
