package io.kubemate.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Machine facts and process memory read from {@code /proc}. */
final class ProcInfo {
    private ProcInfo() {}

    /** Peak resident set size ({@code VmHWM}) of a process in bytes, empty when unreadable. */
    static Optional<Long> peakRss(String pid) {
        return statusKb(Path.of("/proc", pid, "status"), "VmHWM:").map(kb -> kb * 1024);
    }

    /** Current resident set size ({@code VmRSS}) of a process in bytes, empty when unreadable. */
    static Optional<Long> rss(String pid) {
        return statusKb(Path.of("/proc", pid, "status"), "VmRSS:").map(kb -> kb * 1024);
    }

    static Optional<Long> statusKb(Path status, String field) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field)) {
                    return Optional.of(
                            Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static String loadAverage() {
        return firstLine(Path.of("/proc/loadavg"))
                .map(l -> String.join(" ", List.of(l.split(" ")).subList(0, 3)))
                .orElse("n/a");
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("n/a");
        } catch (IOException e) {
            return "n/a";
        }
    }

    static String memTotal() {
        return statusKb(Path.of("/proc/meminfo"), "MemTotal:")
                .map(kb -> mib(kb * 1024) + " MiB")
                .orElse("n/a");
    }

    static String javaVersion() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    static long mib(long bytes) {
        return Math.round(bytes / (1024.0 * 1024.0));
    }

    private static Optional<String> firstLine(Path path) {
        try {
            return Files.readAllLines(path).stream().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
