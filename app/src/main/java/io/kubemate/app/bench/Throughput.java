package io.kubemate.app.bench;

/**
 * The outcome of one measured throughput phase.
 *
 * @param alerts alerts acknowledged within the measured window
 * @param seconds length of the measured window
 * @param requests requests (or producer sends) acknowledged within the window
 * @param failures non-200 answers and errors during the whole phase
 * @param p50Nanos median request latency (0 when not measured)
 * @param p99Nanos 99th percentile request latency
 * @param maxNanos slowest request
 */
record Throughput(
        long alerts, double seconds, long requests, long failures, long p50Nanos, long p99Nanos, long maxNanos) {

    static Throughput of(long alerts, double seconds, long requests, long failures, LatencySamples latencies) {
        long[] sorted = latencies.sorted();
        return new Throughput(
                alerts,
                seconds,
                requests,
                failures,
                Stats.percentile(sorted, 50),
                Stats.percentile(sorted, 99),
                Stats.percentile(sorted, 100));
    }

    double alertsPerSecond() {
        return alerts / seconds;
    }
}
