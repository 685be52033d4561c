package io.kubemate.streams.correlation;

import static io.kubemate.streams.fixtures.AlertFixture.alert;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.alert.RawAlert;
import io.kubemate.core.evidence.ServiceEdge;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.TimelineEntry;
import io.kubemate.core.topic.JsonSerde;
import io.kubemate.core.topic.TopicSettings;
import io.kubemate.core.topic.Topics;
import io.kubemate.streams.CorrelationSettings;
import io.kubemate.streams.errors.FailurePolicy;
import io.kubemate.streams.lifecycle.LifecycleTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Topology-aware correlation: service graph edges join alerts of different scopes of one cluster. */
class TopologyAwareCorrelationTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final String GRAPH_TOPIC = "kubemate.service-graph";

    @TempDir
    Path stateDir;

    private final Topics topics = Topics.from(TopicSettings.defaults());
    private final CorrelationSettings settings = CorrelationSettings.defaults();
    private TopologyTestDriver driver;
    private TestInputTopic<String, RawAlert> alerts;
    private TestInputTopic<String, ServiceEdge> graph;
    private TestOutputTopic<String, Incident> incidents;
    private final Map<String, Incident> latest = new LinkedHashMap<>();
    private Instant clock = T0;

    @BeforeEach
    void start() {
        StreamsBuilder builder = new StreamsBuilder();
        var transitions = new LifecycleTopology(topics.alertsRaw(), settings).addTo(builder);
        new CorrelationTopology(topics.actions(), topics.incidents(), topics.incidentAlerts(), settings, GRAPH_TOPIC)
                .addTo(builder, transitions);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "kubemate-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.putAll(FailurePolicy.streamsConfig(topics.deadLetter().name()));
        driver = new TopologyTestDriver(builder.build(), props, T0);
        alerts = driver.createInputTopic(
                topics.alertsRaw().name(),
                topics.alertsRaw().keySerde().serializer(),
                topics.alertsRaw().valueSerde().serializer());
        graph = driver.createInputTopic(
                GRAPH_TOPIC, new StringSerializer(), new JsonSerde<>(ServiceEdge.class).serializer());
        incidents = driver.createOutputTopic(
                topics.incidents().name(),
                topics.incidents().keySerde().deserializer(),
                topics.incidents().valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void alertsOnLinkedServicesInTwoNamespacesJoinOneIncident() {
        // given checkout (namespace shop) calls payments (namespace payments)
        edge("checkout", "payments");

        // when
        receive(alert("HighErrorRate").label("service", "checkout").firing(at(0)));
        receive(alert("KubePodCrashLooping")
                .label("namespace", "payments")
                .label("service", "payments")
                .firing(at(30)));

        // then
        assertThat(latest).hasSize(1);
        Incident incident = latest.values().iterator().next();
        assertThat(incident.services()).containsExactly("checkout", "payments");
        assertThat(incident.alertCount()).isEqualTo(2);
        assertThat(incident.timeline())
                .extracting(TimelineEntry::detail)
                .anyMatch(detail -> detail.contains("linked in the service graph"));
    }

    @Test
    void withoutAnEdgeTheScopesStayApart() {
        // given an edge between other services
        edge("frontend", "cart");

        // when
        receive(alert("HighErrorRate").label("service", "checkout").firing(at(0)));
        receive(alert("KubePodCrashLooping")
                .label("namespace", "payments")
                .label("service", "payments")
                .firing(at(30)));

        // then
        assertThat(latest).hasSize(2);
    }

    @Test
    void theEdgeDirectionDoesNotMatter() {
        // given payments is called by checkout; the payments alert comes first
        edge("checkout", "payments");

        // when
        receive(alert("KubePodCrashLooping")
                .label("namespace", "payments")
                .label("service", "payments")
                .firing(at(0)));
        receive(alert("HighErrorRate").label("service", "checkout").firing(at(20)));

        // then
        assertThat(latest).hasSize(1);
    }

    @Test
    void otherClustersNeverJoinEvenWhenLinked() {
        // given
        edge("checkout", "payments");

        // when
        receive(alert("HighErrorRate").label("service", "checkout").firing(at(0)));
        receive(alert("KubePodCrashLooping")
                .label("cluster", "prod-us-1")
                .label("namespace", "payments")
                .label("service", "payments")
                .firing(at(30)));

        // then
        assertThat(latest).hasSize(2);
    }

    @Test
    void linkedAlertsOutsideTheWindowOpenTheirOwnIncident() {
        // given
        edge("checkout", "payments");

        // when
        receive(alert("HighErrorRate").label("service", "checkout").firing(at(0)));
        Instant late = at(0).plus(settings.window()).plusSeconds(60);
        receive(alert("KubePodCrashLooping")
                .label("namespace", "payments")
                .label("service", "payments")
                .firing(late));

        // then
        assertThat(latest).hasSize(2);
    }

    @Test
    void aDeletedEdgeNoLongerJoins() {
        // given an edge that expired (tombstone)
        edge("checkout", "payments");
        graph.pipeInput(new TestRecord<>(ServiceEdge.key("checkout", "payments"), null, clock));
        advance(Duration.ofMillis(Correlator.GRAPH_REFRESH_MILLIS));

        // when
        receive(alert("HighErrorRate").label("service", "checkout").firing(at(10)));
        receive(alert("KubePodCrashLooping")
                .label("namespace", "payments")
                .label("service", "payments")
                .firing(at(40)));

        // then
        assertThat(latest).hasSize(2);
    }

    @Test
    void theOwnScopeWinsOverALinkedScope() {
        // given an incident in payments linked to checkout, and one in shop
        edge("checkout", "payments");
        receive(alert("KubePodCrashLooping")
                .label("namespace", "payments")
                .label("service", "payments")
                .firing(at(0)));
        receive(alert("DiskFull")
                .label("service", "db")
                .label("namespace", "data")
                .firing(at(5)));

        // when a checkout alert in namespace data arrives (its own scope has an incident)
        receive(alert("HighErrorRate")
                .label("namespace", "data")
                .label("service", "checkout")
                .firing(at(10)));

        // then it joined its own scope's incident
        assertThat(latest).hasSize(2);
        assertThat(latest.values())
                .filteredOn(incident -> incident.scope().get("namespace").equals("data"))
                .singleElement()
                .satisfies(incident -> assertThat(incident.services()).containsExactly("checkout", "db"));
    }

    @Test
    void podsEvictedFromANodeJoinTheNodesIncidentAcrossNamespaces() {
        // given a node under memory pressure (namespace monitoring); no service graph at all
        receive(alert("KubeNodePressure")
                .label("namespace", "monitoring")
                .label("service", "node-exporter")
                .label("node", "ip-10-0-0-1")
                .firing(at(0)));

        // when pods on that node, and on another node, are evicted in other namespaces
        receive(alert("KubePodEvicted")
                .label("namespace", "search")
                .label("service", "search-api")
                .label("node", "ip-10-0-0-1")
                .firing(at(30)));
        receive(alert("KubePodEvicted")
                .label("namespace", "shop")
                .label("service", "cart")
                .label("node", "ip-10-0-0-9")
                .firing(at(40)));

        // then the pod on the same node joined, the other did not
        assertThat(latest).hasSize(2);
        assertThat(latest.values())
                .filteredOn(incident -> incident.scope().get("namespace").equals("monitoring"))
                .singleElement()
                .satisfies(incident -> {
                    assertThat(incident.services()).containsExactly("node-exporter", "search-api");
                    assertThat(incident.timeline())
                            .extracting(TimelineEntry::detail)
                            .contains("KubePodEvicted joined: they share node=ip-10-0-0-1");
                });
    }

    @Test
    void theSameServiceInAnotherNamespaceDoesNotJoin() {
        // given checkout alerts in shop
        receive(alert("HighErrorRate").label("service", "checkout").firing(at(0)));

        // when checkout alerts in staging
        receive(alert("HighErrorRate")
                .label("namespace", "staging")
                .label("service", "checkout")
                .firing(at(10)));

        // then
        assertThat(latest).hasSize(2);
    }

    @Test
    void aLaterAlertOfAServiceAlreadyInTheIncidentJoinsIt() {
        // given search-api joined the node's incident through the node
        receive(alert("KubeNodePressure")
                .label("namespace", "monitoring")
                .label("node", "n1")
                .firing(at(0)));
        receive(alert("KubePodEvicted")
                .label("namespace", "search")
                .label("service", "search-api")
                .label("node", "n1")
                .firing(at(30)));

        // when search-api's latency alert (no node label) fires
        receive(alert("SearchApiHighLatency")
                .label("namespace", "search")
                .label("service", "search-api")
                .firing(at(90)));

        // then
        assertThat(latest).hasSize(1);
        assertThat(latest.values().iterator().next().alertCount()).isEqualTo(3);
    }

    private void edge(String caller, String callee) {
        ServiceEdge edge =
                new ServiceEdge(caller, callee, clock.minusSeconds(300), clock, 100, 2, 0.3, 0.02, 120, clock);
        graph.pipeInput(new TestRecord<>(edge.key(), edge, clock));
    }

    private void receive(RawAlert alert) {
        moveTo(alert.receivedAt());
        alerts.pipeInput(new TestRecord<>(alert.fingerprint(), alert, alert.receivedAt()));
        advance(settings.emitInterval());
    }

    private void moveTo(Instant at) {
        if (at.isAfter(clock)) {
            advance(Duration.between(clock, at));
        }
    }

    private void advance(Duration duration) {
        driver.advanceWallClockTime(duration);
        clock = clock.plus(duration);
        for (var record : incidents.readRecordsToList()) {
            latest.put(record.key(), record.value());
        }
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }
}
