package io.kubemate.app.bench;

/**
 * The outcome of the alert to incident latency phase.
 *
 * @param offeredPerSecond the offered rate in alerts/s
 * @param sent alerts POSTed
 * @param accepted alerts in POSTs answered 200
 * @param matched alerts seen in an incident snapshot
 * @param p50Nanos median alert to incident latency
 * @param p99Nanos 99th percentile
 * @param maxNanos the slowest alert
 * @param maxSendLagNanos how far behind its schedule the slowest POST was sent
 * @param snapshots incident snapshots and member records read during the phase
 * @param snapshotBytes their total size
 */
record LatencyResult(
        double offeredPerSecond,
        long sent,
        long accepted,
        long matched,
        long p50Nanos,
        long p99Nanos,
        long maxNanos,
        long maxSendLagNanos,
        long snapshots,
        long snapshotBytes) {

    boolean allMatched() {
        return matched == sent && accepted == sent;
    }
}
