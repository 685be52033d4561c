package io.kubemate.webhooks.fuzz;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a fuzz run saw.
 *
 * @param statuses how many answers of each status
 * @param failures the first few requests answered other than expected (or not at all), described
 * @param failureCount how many requests were
 * @param expectedRecords the records the accepted bodies carry, by the parser run apart from the server
 * @param sinkRecords the records that reached the sink
 * @param heapGrowthBytes used heap after GC at the end minus at the start (the sink emptied first)
 */
record FuzzReport(
        String receiver,
        long seed,
        int bodies,
        Duration wall,
        SortedMap<Integer, Long> statuses,
        List<String> failures,
        long failureCount,
        long expectedRecords,
        long sinkRecords,
        long heapGrowthBytes,
        Map<String, Long> kinds) {

    /** One line for the log and for docs/benchmarks.md. */
    String summary() {
        return String.format(
                "[fuzz] %s: %d bodies, seed %d, %.1f s, statuses %s, %d records accepted (sink %d), heap growth %+.1f MiB,"
                        + " %d unexpected",
                receiver,
                bodies,
                seed,
                wall.toMillis() / 1000.0,
                statuses,
                expectedRecords,
                sinkRecords,
                heapGrowthBytes / (1024.0 * 1024.0),
                failureCount);
    }
}
