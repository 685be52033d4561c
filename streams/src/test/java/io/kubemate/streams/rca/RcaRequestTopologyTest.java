package io.kubemate.streams.rca;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.EvidenceKind;
import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.Severity;
import io.kubemate.core.rca.RcaRequest;
import io.kubemate.core.topic.JsonSerde;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RcaRequestTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-26T02:00:00Z");
    private static final IncidentId ID = IncidentId.derive("cluster=c", "a1", 0);
    private static final RcaSettings SETTINGS =
            new RcaSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1));

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, Incident> incidents;
    private TestInputTopic<String, IncidentEvidence> evidence;
    private TestOutputTopic<String, RcaRequest> requests;
    private long version;

    @BeforeEach
    void start() {
        StreamsBuilder builder = new StreamsBuilder();
        new RcaRequestTopology("incidents", "evidence", "requests", SETTINGS).addTo(builder);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "rca-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), props, T0);
        incidents = driver.createInputTopic(
                "incidents", new StringSerializer(), new JsonSerde<>(Incident.class).serializer());
        evidence = driver.createInputTopic(
                "evidence", new StringSerializer(), new JsonSerde<>(IncidentEvidence.class).serializer());
        requests = driver.createOutputTopic(
                "requests", new StringDeserializer(), new JsonSerde<>(RcaRequest.class).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void anOpenedIncidentIsRequestedOnceAfterTheQuietPeriodWithEveryReason() {
        // when it opens, then gains a service and evidence within the quiet period
        incidents.pipeInput(ID.value(), incident(IncidentStatus.OPEN, Severity.WARNING, "checkout"));
        advance(Duration.ofSeconds(4));
        incidents.pipeInput(ID.value(), incident(IncidentStatus.OPEN, Severity.WARNING, "checkout", "payments"));
        evidence.pipeInput(ID.value(), evidence(EvidenceKind.LOG_TEMPLATE, EvidenceKind.CHANGE));

        // then nothing before the quiet period ends after the last change
        advance(Duration.ofSeconds(9));
        assertThat(requests.isEmpty()).isTrue();

        // and one request with every reason after it
        advance(Duration.ofSeconds(2));
        List<RcaRequest> sent = requests.readValuesToList();
        assertThat(sent).singleElement().satisfies(request -> {
            assertThat(request.incidentId()).isEqualTo(ID.value());
            assertThat(request.sequence()).isEqualTo(1);
            assertThat(request.reasons())
                    .containsExactly("opened", "service:payments", "evidence:change", "evidence:log-template");
        });
        advance(Duration.ofSeconds(30));
        assertThat(requests.isEmpty()).isTrue();
    }

    @Test
    void onlyMaterialChangesAskAgain() {
        incidents.pipeInput(ID.value(), incident(IncidentStatus.OPEN, Severity.WARNING, "checkout"));
        evidence.pipeInput(ID.value(), evidence(EvidenceKind.SPAN));
        advance(Duration.ofSeconds(11));
        assertThat(requests.readValuesToList()).hasSize(1);

        // more alerts on the same service, the same evidence kinds, a lower severity: nothing
        incidents.pipeInput(ID.value(), incident(IncidentStatus.ACKNOWLEDGED, Severity.INFO, "checkout"));
        evidence.pipeInput(ID.value(), evidence(EvidenceKind.SPAN));
        advance(Duration.ofSeconds(20));
        assertThat(requests.isEmpty()).isTrue();

        // severity up: a second request
        incidents.pipeInput(ID.value(), incident(IncidentStatus.OPEN, Severity.CRITICAL, "checkout"));
        advance(Duration.ofSeconds(11));
        assertThat(requests.readValuesToList()).singleElement().satisfies(request -> {
            assertThat(request.sequence()).isEqualTo(2);
            assertThat(request.reasons()).containsExactly("severity:critical");
        });
    }

    @Test
    void aStormOfChangesIsAskedAtTheLatestAfterMaxWait() {
        incidents.pipeInput(ID.value(), incident(IncidentStatus.OPEN, Severity.WARNING, "s0"));
        for (int i = 1; i <= 5; i++) {
            advance(Duration.ofSeconds(7));
            incidents.pipeInput(ID.value(), incident(IncidentStatus.OPEN, Severity.WARNING, services(i)));
        }
        // 35 s of changes 7 s apart: the request left at 30 s, not 10 s after the last change
        assertThat(requests.readValuesToList()).singleElement().satisfies(request -> assertThat(request.reasons())
                .startsWith("opened", "service:s1"));
    }

    @Test
    void aResolvedIncidentDropsItsPendingRequestAndAReopenAsksAgain() {
        incidents.pipeInput(ID.value(), incident(IncidentStatus.OPEN, Severity.WARNING, "checkout"));
        incidents.pipeInput(ID.value(), incident(IncidentStatus.RESOLVED, Severity.WARNING, "checkout"));
        evidence.pipeInput(ID.value(), evidence(EvidenceKind.METRIC));
        advance(Duration.ofSeconds(40));
        assertThat(requests.isEmpty()).isTrue();

        incidents.pipeInput(ID.value(), incident(IncidentStatus.OPEN, Severity.WARNING, "checkout"));
        advance(Duration.ofSeconds(11));
        assertThat(requests.readValuesToList()).singleElement().satisfies(request -> assertThat(request.reasons())
                .containsExactly("reopened"));
    }

    private void advance(Duration duration) {
        for (long s = 0; s < duration.toSeconds(); s++) {
            driver.advanceWallClockTime(Duration.ofSeconds(1));
        }
    }

    private static String[] services(int n) {
        String[] services = new String[n + 1];
        for (int i = 0; i <= n; i++) {
            services[i] = "s" + i;
        }
        return services;
    }

    private Incident incident(IncidentStatus status, Severity severity, String... services) {
        version++;
        return new Incident(
                ID,
                version,
                status,
                "t",
                severity,
                Map.of("cluster", "c"),
                "cluster=c",
                List.of(services),
                1,
                status.isActive() ? 1 : 0,
                T0,
                T0.plusSeconds(version),
                status.isActive() ? null : T0.plusSeconds(version),
                List.of(),
                List.of(),
                0);
    }

    private static IncidentEvidence evidence(EvidenceKind... kinds) {
        List<EvidenceItem> items = java.util.stream.IntStream.range(0, kinds.length)
                .mapToObj(i -> new EvidenceItem(
                        "E" + (i + 1), "k" + i, kinds[i], "test", "checkout", T0, T0, "t", List.of(), Map.of()))
                .toList();
        return new IncidentEvidence(ID.value(), 1, T0, items, List.of());
    }
}
