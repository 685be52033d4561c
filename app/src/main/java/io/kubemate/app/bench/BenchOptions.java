package io.kubemate.app.bench;

import java.util.List;

/**
 * Options of {@code kubemate bench ingest}.
 *
 * @param seconds measured duration of each throughput phase and of the latency phase
 * @param warmupSeconds unmeasured warm-up before each throughput phase
 * @param connections concurrent HTTP connections of the closed-loop phases
 * @param batch alerts per POST
 * @param rate offered alerts per second of the latency phase
 * @param runs how many times every phase is repeated (medians are reported)
 * @param skipAlertmanager whether to skip the Alertmanager peer phase
 * @param scopes concurrently active correlation scopes (cluster/namespace)
 * @param incidentSize alerts per incident before its scope is retired for a fresh one
 */
record BenchOptions(
        int seconds,
        int warmupSeconds,
        int connections,
        int batch,
        int rate,
        int runs,
        boolean skipAlertmanager,
        int scopes,
        int incidentSize) {

    static final String USAGE = String.join(
            "\n",
            "usage: kubemate bench ingest [options]",
            "  --seconds N          measured seconds per phase (default 20)",
            "  --warmup N           warm-up seconds before each throughput phase (default 5)",
            "  --connections N      concurrent connections (default 8)",
            "  --batch N            alerts per POST (default 100)",
            "  --rate N             offered alerts/s of the alert->incident latency phase (default 10000)",
            "  --runs N             repetitions, medians reported (default 1)",
            "  --scopes N           active cluster/namespace scopes (default 50)",
            "  --incident-size N    alerts per incident before its scope is replaced (default 1000)",
            "  --skip-alertmanager  do not run the Alertmanager 0.25 peer phase",
            "Runs an embedded Kafka broker and Kubemate on 127.0.0.1 in a fresh temporary data directory",
            "(or KUBEMATE_DATA_DIR) and prints a markdown report.");

    BenchOptions {
        requireAtLeast("--seconds", seconds, 1);
        requireAtLeast("--warmup", warmupSeconds, 0);
        requireAtLeast("--connections", connections, 1);
        requireAtLeast("--batch", batch, 1);
        requireAtLeast("--rate", rate, 1);
        requireAtLeast("--runs", runs, 1);
        requireAtLeast("--scopes", scopes, 1);
        requireAtLeast("--incident-size", incidentSize, 1);
    }

    static BenchOptions defaults() {
        return new BenchOptions(20, 5, 8, 100, 10_000, 1, false, 50, 1000);
    }

    /** Parses the options after {@code bench ingest}; throws {@link IllegalArgumentException} on a bad one. */
    static BenchOptions parse(List<String> args) {
        BenchOptions o = defaults();
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (name.equals("--skip-alertmanager")) {
                o = o.with(name, 1);
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(name.startsWith("--") ? name + " needs a value" : "unknown " + name);
            }
            o = o.with(name, number(name, args.get(++i)));
        }
        return o;
    }

    private BenchOptions with(String name, int v) {
        return switch (name) {
            case "--seconds" -> new BenchOptions(
                    v, warmupSeconds, connections, batch, rate, runs, skipAlertmanager, scopes, incidentSize);
            case "--warmup" -> new BenchOptions(
                    seconds, v, connections, batch, rate, runs, skipAlertmanager, scopes, incidentSize);
            case "--connections" -> new BenchOptions(
                    seconds, warmupSeconds, v, batch, rate, runs, skipAlertmanager, scopes, incidentSize);
            case "--batch" -> new BenchOptions(
                    seconds, warmupSeconds, connections, v, rate, runs, skipAlertmanager, scopes, incidentSize);
            case "--rate" -> new BenchOptions(
                    seconds, warmupSeconds, connections, batch, v, runs, skipAlertmanager, scopes, incidentSize);
            case "--runs" -> new BenchOptions(
                    seconds, warmupSeconds, connections, batch, rate, v, skipAlertmanager, scopes, incidentSize);
            case "--skip-alertmanager" -> new BenchOptions(
                    seconds, warmupSeconds, connections, batch, rate, runs, true, scopes, incidentSize);
            case "--scopes" -> new BenchOptions(
                    seconds, warmupSeconds, connections, batch, rate, runs, skipAlertmanager, v, incidentSize);
            case "--incident-size" -> new BenchOptions(
                    seconds, warmupSeconds, connections, batch, rate, runs, skipAlertmanager, scopes, v);
            default -> throw new IllegalArgumentException("unknown option " + name);
        };
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, got '" + value + "'", e);
        }
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
    }

    /** POSTs per second of the latency phase. */
    double postsPerSecond() {
        return (double) rate / batch;
    }
}
