package io.kubemate.streams.lifecycle;

import static io.kubemate.streams.fixtures.AlertFixture.alert;
import static io.kubemate.streams.fixtures.TopologyHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.alert.AlertTransition;
import io.kubemate.core.alert.RawAlert;
import io.kubemate.core.alert.TransitionKind;
import io.kubemate.core.topic.JsonSerde;
import io.kubemate.core.topic.TopicSettings;
import io.kubemate.core.topic.Topics;
import io.kubemate.streams.CorrelationSettings;
import io.kubemate.streams.fixtures.AlertFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleTopologyTest {
    private static final String OUT = "test.transitions";

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, RawAlert> raw;
    private TestOutputTopic<String, AlertTransition> transitions;
    private Instant clock = T0;

    @BeforeEach
    void startDriver() {
        Topics topics = Topics.from(TopicSettings.defaults());
        StreamsBuilder builder = new StreamsBuilder();
        new LifecycleTopology(topics.alertsRaw(), CorrelationSettings.defaults())
                .addTo(builder)
                .to(OUT, Produced.with(Serdes.String(), new JsonSerde<>(AlertTransition.class)));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "lifecycle-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), props, T0);
        raw = driver.createInputTopic(
                topics.alertsRaw().name(),
                topics.alertsRaw().keySerde().serializer(),
                topics.alertsRaw().valueSerde().serializer());
        transitions = driver.createOutputTopic(
                OUT, Serdes.String().deserializer(), new JsonSerde<>(AlertTransition.class).deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void emitsFiredTheFirstTimeAnAlertFires() {
        // given
        AlertFixture crash = alert("KubePodCrashLooping");

        // when
        receive(crash.firing(T0));

        // then
        List<AlertTransition> out = transitions.readValuesToList();
        assertThat(out).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(TransitionKind.FIRED);
            assertThat(t.at()).isEqualTo(T0);
            assertThat(t.alert().fingerprint()).isEqualTo(crash.fingerprint());
            assertThat(t.flapping()).isFalse();
        });
    }

    @Test
    void dropsRepeatFiringOfTheSameState() {
        // given
        AlertFixture crash = alert("KubePodCrashLooping");
        receive(crash.firing(T0));

        // when: Alertmanager re-sends the group twice
        receive(crash.firing(T0.plusSeconds(30)));
        receive(crash.firing(T0.plusSeconds(60)));

        // then
        assertThat(kinds()).containsExactly(TransitionKind.FIRED);
    }

    @Test
    void emitsResolvedWhenAFiringAlertResolvesAndDropsTheRepeat() {
        // given
        AlertFixture crash = alert("KubePodCrashLooping");
        receive(crash.firing(T0));

        // when
        receive(crash.resolved(T0.plusSeconds(120)));
        receive(crash.resolved(T0.plusSeconds(120))
                .withStatus(io.kubemate.core.alert.AlertStatus.RESOLVED, T0.plusSeconds(120), T0.plusSeconds(150)));

        // then
        assertThat(kinds()).containsExactly(TransitionKind.FIRED, TransitionKind.RESOLVED);
    }

    @Test
    void emitsResolvedForAnAlertFirstSeenResolved() {
        // when
        receive(alert("DiskFull").resolved(T0));

        // then
        assertThat(kinds()).containsExactly(TransitionKind.RESOLVED);
    }

    @Test
    void marksRefireWithinTheFlapWindowAsFlappingAndCountsFlaps() {
        // given
        AlertFixture flappy = alert("HighLatency");
        receive(flappy.firing(T0));
        receive(flappy.resolved(T0.plusSeconds(60)));

        // when
        receive(flappy.firing(T0.plusSeconds(120)));
        receive(flappy.resolved(T0.plusSeconds(180)));
        receive(flappy.firing(T0.plusSeconds(240)));

        // then
        List<AlertTransition> out = transitions.readValuesToList();
        assertThat(out)
                .extracting(AlertTransition::kind)
                .containsExactly(
                        TransitionKind.FIRED,
                        TransitionKind.RESOLVED,
                        TransitionKind.REFIRED,
                        TransitionKind.RESOLVED,
                        TransitionKind.REFIRED);
        assertThat(out.get(2).flapping()).isTrue();
        assertThat(out.get(2).flapCount()).isEqualTo(1);
        assertThat(out.get(4).flapping()).isTrue();
        assertThat(out.get(4).flapCount()).isEqualTo(2);
    }

    @Test
    void refireAfterTheFlapWindowIsNotFlapping() {
        // given
        AlertFixture slow = alert("HighLatency");
        receive(slow.firing(T0));
        receive(slow.resolved(T0.plusSeconds(60)));

        // when
        receive(slow.firing(T0.plus(Duration.ofMinutes(30))));

        // then
        List<AlertTransition> out = transitions.readValuesToList();
        assertThat(out.get(2).kind()).isEqualTo(TransitionKind.REFIRED);
        assertThat(out.get(2).flapping()).isFalse();
        assertThat(out.get(2).flapCount()).isZero();
    }

    @Test
    void firingWithANewStartsAtIsANewEpisode() {
        // given
        AlertFixture crash = alert("KubePodCrashLooping");
        receive(crash.firing(T0));

        // when: the resolution was never received
        receive(crash.startsAt(T0.plus(Duration.ofHours(1))).firing(T0.plus(Duration.ofHours(1))));

        // then
        assertThat(kinds()).containsExactly(TransitionKind.FIRED, TransitionKind.REFIRED);
    }

    @Test
    void changedAnnotationsAreChanged() {
        // given
        AlertFixture crash = alert("KubePodCrashLooping");
        receive(crash.firing(T0));

        // when
        receive(crash.annotation("summary", "restarted 12 times").firing(T0.plusSeconds(30)));

        // then
        List<AlertTransition> out = transitions.readValuesToList();
        assertThat(out).extracting(AlertTransition::kind).containsExactly(TransitionKind.FIRED, TransitionKind.CHANGED);
        assertThat(out.get(1).alert().annotations()).containsEntry("summary", "restarted 12 times");
    }

    @Test
    void dropsAResolvedRecordOfAnOlderEpisode() {
        // given: the alert resolved, then fired again with a new start
        AlertFixture crash = alert("KubePodCrashLooping");
        receive(crash.firing(T0));
        RawAlert oldResolution = crash.resolved(T0.plusSeconds(60));
        receive(crash.startsAt(T0.plusSeconds(600)).firing(T0.plusSeconds(600)));

        // when: a re-sent group still carries the old episode's resolution
        receive(oldResolution.withStatus(oldResolution.status(), oldResolution.endsAt(), T0.plusSeconds(630)));

        // then
        assertThat(kinds()).containsExactly(TransitionKind.FIRED, TransitionKind.REFIRED);
    }

    @Test
    void forgetsAlertsResolvedLongerThanTheRetention() {
        // given
        AlertFixture crash = alert("KubePodCrashLooping");
        receive(crash.firing(T0));
        receive(crash.resolved(T0.plusSeconds(60)));

        // when
        driver.advanceWallClockTime(LifecycleTopology.RESOLVED_RETENTION.plus(LifecycleTopology.EXPIRY_SCAN_INTERVAL));

        // then
        assertThat(driver.<String, Object>getKeyValueStore(LifecycleTopology.STORE)
                        .get(crash.fingerprint()))
                .isNull();
    }

    @Test
    void keepsFiringAlertsPastTheRetention() {
        // given
        AlertFixture crash = alert("KubePodCrashLooping");
        receive(crash.firing(T0));

        // when
        driver.advanceWallClockTime(LifecycleTopology.RESOLVED_RETENTION.plus(LifecycleTopology.EXPIRY_SCAN_INTERVAL));

        // then
        assertThat(driver.<String, Object>getKeyValueStore(LifecycleTopology.STORE)
                        .get(crash.fingerprint()))
                .isNotNull();
    }

    private void receive(RawAlert alert) {
        Instant at = alert.receivedAt();
        if (at.isAfter(clock)) {
            driver.advanceWallClockTime(Duration.between(clock, at));
            clock = at;
        }
        raw.pipeInput(new TestRecord<>(alert.fingerprint(), alert, at));
    }

    private List<TransitionKind> kinds() {
        return transitions.readValuesToList().stream()
                .map(AlertTransition::kind)
                .toList();
    }
}
