package io.kubemate.app.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until Kubemate's Kafka Streams groups (ids starting with the application id) have consumed everything, so
 * that one phase's backlog does not take CPU from the next: the sum over their partitions of end offset minus
 * committed offset is at most one per partition (a transaction marker after the last record) twice in a row.
 */
final class StreamsDrain {
    private StreamsDrain() {}

    /** The backlog in records left when waiting stopped (0 when drained), or -1 when it could not be read. */
    static long await(String bootstrap, String groupPrefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quiet = 0;
        long lag = -1;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (System.nanoTime() < deadline) {
                long[] lagAndPartitions = lag(admin, groupPrefix);
                lag = lagAndPartitions[0];
                quiet = lagAndPartitions[1] > 0 && lag <= lagAndPartitions[1] ? quiet + 1 : 0;
                if (quiet >= 2) {
                    return 0;
                }
                Thread.sleep(500);
            }
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        }
        return lag;
    }

    private static long[] lag(Admin admin, String groupPrefix)
            throws ExecutionException, TimeoutException, InterruptedException {
        @SuppressWarnings("deprecation") // listGroups(ListGroupsOptions.forConsumerGroups()) is its replacement
        List<String> groups = admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS).stream()
                .map(ConsumerGroupListing::groupId)
                .filter(id -> id.startsWith(groupPrefix))
                .toList();
        long lag = 0;
        long partitions = 0;
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            for (var entry : committed.entrySet()) {
                long at = entry.getValue() == null ? 0 : entry.getValue().offset();
                lag += Math.max(0, ends.get(entry.getKey()).offset() - at);
                partitions++;
            }
        }
        return new long[] {lag, partitions};
    }
}
