package io.kubemate.app.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point of the embedded broker's own process: formats the KRaft log directory once (fixed cluster id, so a
 * kept directory is reused) and runs Apache Kafka's documented entry point {@code kafka.Kafka}.
 *
 * <p>The process exits when its standard input closes: the parent Kubemate process holds the other end, so the
 * broker never outlives it, even when the parent is killed with SIGKILL. Exit runs Kafka's shutdown hook, which
 * shuts the broker down cleanly.
 */
public final class KubemateBrokerCli {
    /** The cluster id the embedded broker formats its storage with. */
    static final String CLUSTER_ID = "a3ViZW1hdGUtZW1iZWQ";

    private KubemateBrokerCli() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: KubemateBrokerCli <server.properties>");
            System.exit(2);
        }
        Path config = Path.of(args[0]);
        if (!Files.isRegularFile(config)) {
            System.err.println("no broker configuration at " + config);
            System.exit(2);
        }
        int rc = format(config);
        if (rc != 0) {
            System.err.println("formatting the broker storage failed with exit code " + rc);
            System.exit(rc);
        }
        watchParent(System.in);
        kafka.Kafka.main(new String[] {config.toString()});
    }

    private static int format(Path config) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        return kafka.tools.StorageTool.execute(
                new String[] {"format", "-t", CLUSTER_ID, "-c", config.toString(), "--ignore-formatted"}, out);
    }

    /** Exits the process (running Kafka's shutdown hook) once the parent's end of standard input closes. */
    private static void watchParent(InputStream parent) {
        Thread watcher = new Thread(
                () -> {
                    try {
                        while (parent.read() >= 0) {
                            // the parent never writes; reading only waits for end of stream
                        }
                    } catch (IOException e) {
                        // a broken pipe means the parent is gone, same as end of stream
                    }
                    System.exit(0);
                },
                "kubemate-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
