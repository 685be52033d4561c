package io.kubemate.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void nearestRankPercentiles() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertThat(Stats.percentile(sorted, 50)).isEqualTo(50);
        assertThat(Stats.percentile(sorted, 99)).isEqualTo(99);
        assertThat(Stats.percentile(sorted, 100)).isEqualTo(100);
        assertThat(Stats.percentile(sorted, 0)).isEqualTo(1);
        assertThat(Stats.percentile(new long[] {7}, 99)).isEqualTo(7);
        assertThat(Stats.percentile(new long[0], 99)).isZero();
    }

    @Test
    void mediansOfOddAndEvenCounts() {
        assertThat(Stats.median(3, 1, 2)).isEqualTo(2);
        assertThat(Stats.median(4, 1, 3, 2)).isEqualTo(2.5);
        assertThat(Stats.median(5)).isEqualTo(5);
        assertThat(Stats.median()).isNaN();
    }

    @Test
    void samplesGrowAndSort() {
        LatencySamples a = new LatencySamples();
        for (int i = 5000; i > 0; i--) {
            a.add(i);
        }
        LatencySamples b = new LatencySamples();
        b.add(0);
        b.addAll(a);
        long[] sorted = b.sorted();
        assertThat(sorted).hasSize(5001);
        assertThat(sorted[0]).isZero();
        assertThat(sorted[5000]).isEqualTo(5000);
    }

    @Test
    void formatting() {
        assertThat(Stats.rate(41256.4)).isEqualTo("41 256");
        assertThat(Stats.ms(1_250_000)).isEqualTo("1.3");
        assertThat(Stats.ratio(Double.NaN)).isEqualTo("n/a");
        assertThat(Stats.ratio(1.234)).isEqualTo("1.23");
    }

    @Test
    void unmatchedAlertsCountAsNeverInThePercentiles() {
        long[] all = OpenLoopLatency.withUnmatched(new long[] {1, 2, 3}, 5);
        assertThat(all).containsExactly(1, 2, 3, Stats.UNMATCHED, Stats.UNMATCHED);
        assertThat(Stats.ms(Stats.percentile(all, 50))).isEqualTo("0.0");
        assertThat(Stats.ms(Stats.percentile(all, 99))).isEqualTo("never");
    }

    @Test
    void cpuGroupsByThreadRole() {
        assertThat(CpuWindow.group("kubemate-1a2b-StreamThread-1")).isEqualTo("streams");
        assertThat(CpuWindow.group("kafka-producer-network-thread | kubemate-1a2b-StreamThread-1-producer"))
                .isEqualTo("streams");
        assertThat(CpuWindow.group("kafka-producer-network-thread | producer-1"))
                .isEqualTo("producer I/O");
        assertThat(CpuWindow.group("JettyServerThreadPool-42")).isEqualTo("HTTP server");
        assertThat(CpuWindow.group("bench-http")).isEqualTo("bench client");
        assertThat(CpuWindow.group("main")).isEqualTo("other");
        assertThat(CpuWindow.boxTicks()[1]).isPositive();
        assertThat(CpuWindow.processTicks(Long.toString(ProcessHandle.current().pid())))
                .isPositive();
    }
}
