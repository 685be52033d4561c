package io.kubemate.app.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What every run shares.
 *
 * @param options the command's options
 * @param nonce a short random prefix that keeps this invocation's alerts and scopes apart from earlier ones
 * @param dataDir Kubemate's data directory
 * @param applicationId Kafka Streams application id (prefix of its consumer groups)
 * @param partitions partitions of Kubemate's topics (the scratch topic gets as many)
 * @param incidentTopics the compacted incidents topic and the incident members topic
 * @param brokerPid the embedded broker's process id, empty when unknown
 */
record BenchEnvironment(
        BenchOptions options,
        String nonce,
        Path dataDir,
        String applicationId,
        int partitions,
        List<String> incidentTopics,
        String brokerPid) {

    long brokerPeakRss() {
        return brokerPid.isEmpty() ? 0 : ProcInfo.peakRss(brokerPid).orElse(0L);
    }
}
