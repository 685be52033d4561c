package io.kubemate.rag.bench;

import java.lang.management.ManagementFactory;

/** Wall and process CPU time, so that figures from a shared machine can be read with its contention in mind. */
final class Clocks {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final long wallStart = System.nanoTime();
    private final long cpuStart = OS.getProcessCpuTime();

    double wallSeconds() {
        return (System.nanoTime() - wallStart) / 1e9;
    }

    /** CPU time of every thread of this process since the start, in seconds. */
    double cpuSeconds() {
        return (OS.getProcessCpuTime() - cpuStart) / 1e9;
    }
}
