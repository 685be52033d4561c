package io.kubemate.app.bench;

import java.util.Map;
import java.util.Optional;

/**
 * Everything one run measured.
 *
 * @param intake webhook intake into Kubemate
 * @param raw the raw producer on the same broker
 * @param alertmanager Alertmanager 0.25 with the same load, empty when skipped
 * @param alertmanagerPeakRss Alertmanager's peak RSS in bytes (0 when skipped)
 * @param latency alert to incident latency at the offered rate
 * @param kubematePeakRss this JVM's peak RSS so far, in bytes
 * @param cpu per phase, where the CPU went during its measured window
 * @param brokerPeakRss the larger peak RSS of the run's two broker children, in bytes
 */
record RunResult(
        Throughput intake,
        Throughput raw,
        Optional<Throughput> alertmanager,
        long alertmanagerPeakRss,
        LatencyResult latency,
        long kubematePeakRss,
        long brokerPeakRss,
        Map<String, String> cpu) {

    double intakeOverRaw() {
        return intake.alertsPerSecond() / raw.alertsPerSecond();
    }

    double intakeOverAlertmanager() {
        return alertmanager
                .map(am -> intake.alertsPerSecond() / am.alertsPerSecond())
                .orElse(Double.NaN);
    }
}
