package io.kubemate.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the Kafka Streams application runs.
 *
 * @param applicationId the Kafka Streams application id (consumer group, prefix of internal topics); default
 *     {@code kubemate}
 * @param bootstrapServers the Kafka bootstrap servers
 * @param stateDir where local state stores live
 * @param commitInterval how often offsets and state are committed (exactly-once transactions); default 50ms
 * @param standbyReplicas warm standby copies of each store on other instances; default 0
 * @param streamThreads stream threads in this instance; default 1
 * @param cacheMaxBytes the record cache of the state stores across all threads; default 10 MiB
 * @param extra further client properties passed through unchanged and last (e.g. SASL/SSL settings)
 * @throws IllegalArgumentException when a value is out of range
 */
public record StreamsSettings(
        String applicationId,
        String bootstrapServers,
        Path stateDir,
        Duration commitInterval,
        int standbyReplicas,
        int streamThreads,
        long cacheMaxBytes,
        Map<String, String> extra) {

    public StreamsSettings {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(commitInterval, "commitInterval");
        extra = Map.copyOf(extra == null ? Map.of() : extra);
        if (applicationId.isBlank() || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("applicationId and bootstrapServers must not be blank");
        }
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("commitInterval must be positive: " + commitInterval);
        }
        if (standbyReplicas < 0 || streamThreads < 1 || cacheMaxBytes < 0) {
            throw new IllegalArgumentException(
                    "standbyReplicas >= 0, streamThreads >= 1 and cacheMaxBytes >= 0 are required");
        }
    }

    /** The defaults for {@code bootstrapServers} with state under {@code stateDir}. */
    public static StreamsSettings defaults(String bootstrapServers, Path stateDir) {
        return new StreamsSettings(
                "kubemate", bootstrapServers, stateDir, Duration.ofMillis(50), 0, 1, 10L * 1024 * 1024, Map.of());
    }
}
