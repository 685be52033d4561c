package io.kubemate.app.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where the CPU went during a measured window: this JVM's threads grouped by role (CPU time per thread from
 * {@link ThreadMXBean}; threads that end inside the window are missed), the broker child and an optional peer process
 * (from {@code /proc/<pid>/stat}), and the whole box (from {@code /proc/stat}), in CPU-seconds.
 */
final class CpuWindow {
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux
    private static final Map<String, String> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("StreamThread", "streams");
        GROUPS.put("kafka-producer-network-thread", "producer I/O");
        GROUPS.put("JettyServerThreadPool", "HTTP server");
        GROUPS.put("qtp", "HTTP server");
        GROUPS.put("bench-", "bench client");
        GROUPS.put("HttpClient", "bench client");
    }

    private final Thread thread;
    private final String brokerPid;
    private final String peerPid;
    private volatile String result = "n/a";

    private CpuWindow(int warmupSeconds, int seconds, String brokerPid, String peerPid) {
        this.brokerPid = brokerPid;
        this.peerPid = peerPid;
        this.thread = new Thread(() -> measure(warmupSeconds, seconds), "bench-cpu-window");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts measuring after {@code warmupSeconds}, for {@code seconds}. */
    static CpuWindow start(int warmupSeconds, int seconds, String brokerPid, String peerPid) {
        return new CpuWindow(warmupSeconds, seconds, brokerPid, peerPid);
    }

    /** Waits for the window to end and describes it. */
    String result() throws InterruptedException {
        thread.join();
        return result;
    }

    private void measure(int warmupSeconds, int seconds) {
        try {
            Thread.sleep(warmupSeconds * 1000L);
            Map<String, Long> before = threadGroups();
            long[] box = boxTicks();
            long broker = processTicks(brokerPid);
            long peer = processTicks(peerPid);
            Thread.sleep(seconds * 1000L);
            Map<String, Long> after = threadGroups();
            long[] boxAfter = boxTicks();
            String groups = after.entrySet().stream()
                    .map(e -> String.format(
                            Locale.ROOT,
                            "%s %.1f",
                            e.getKey(),
                            (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / 1e9))
                    .collect(Collectors.joining(", "));
            result = String.format(
                    Locale.ROOT,
                    "Kubemate JVM: %s; broker %.1f%s; box busy %.1f of %.1f CPU-s",
                    groups,
                    (processTicks(brokerPid) - broker) / TICKS_PER_SECOND,
                    peerPid.isEmpty()
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    "; Alertmanager %.1f",
                                    (processTicks(peerPid) - peer) / TICKS_PER_SECOND),
                    (boxAfter[0] - box[0]) / TICKS_PER_SECOND,
                    (boxAfter[1] - box[1]) / TICKS_PER_SECOND);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** CPU nanoseconds of this JVM's live threads, by role. */
    static Map<String, Long> threadGroups() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> groups = new LinkedHashMap<>();
        GROUPS.values().forEach(g -> groups.put(g, 0L));
        groups.put("other", 0L);
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            long cpu = info == null ? -1 : mx.getThreadCpuTime(info.getThreadId());
            if (cpu > 0) {
                groups.merge(group(info.getThreadName()), cpu, Long::sum);
            }
        }
        return groups;
    }

    static String group(String threadName) {
        return GROUPS.entrySet().stream()
                .filter(e -> threadName.contains(e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("other");
    }

    /** utime + stime of a process in clock ticks, 0 when unknown. */
    static long processTicks(String pid) {
        if (pid.isEmpty()) {
            return 0;
        }
        return readFirstLine(Path.of("/proc", pid, "stat"))
                .map(line -> line.substring(line.lastIndexOf(')') + 2).split(" "))
                .map(f -> Long.parseLong(f[11]) + Long.parseLong(f[12]))
                .orElse(0L);
    }

    /** Busy and total ticks of all CPUs ({@code /proc/stat}). */
    static long[] boxTicks() {
        return readFirstLine(Path.of("/proc/stat"))
                .map(line -> line.trim().split("\\s+"))
                .map(f -> {
                    long total = 0;
                    for (int i = 1; i < f.length; i++) {
                        total += Long.parseLong(f[i]);
                    }
                    long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                    return new long[] {total - idle, total};
                })
                .orElse(new long[] {0, 0});
    }

    private static Optional<String> readFirstLine(Path path) {
        try {
            List<String> lines = Files.readAllLines(path);
            return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(0));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
