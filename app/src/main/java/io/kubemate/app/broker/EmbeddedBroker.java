package io.kubemate.app.broker;

import io.kubemate.core.error.KubemateException;
import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * A real single-node Apache Kafka (KRaft, broker and controller) in a child process started from this process's own
 * classpath, so that a broker fault cannot halt Kubemate's JVM. Its data lives in {@code dir}, survives restarts
 * (the storage is formatted once with a fixed cluster id) and the broker stops when Kubemate stops, or dies.
 */
public final class EmbeddedBroker implements AutoCloseable {
    /**
     * @param dir the broker's directory: {@code server.properties}, {@code log/}, {@code broker.log}
     * @param port client port on 127.0.0.1, 0 for a free one
     * @param heap the child's maximum heap, e.g. {@code 512m}
     * @param startTimeout how long to wait for the broker to answer
     */
    public record Settings(Path dir, int port, String heap, Duration startTimeout) {}

    private final Settings settings;
    private final Process process;
    private final String bootstrapServers;

    private EmbeddedBroker(Settings settings, Process process, String bootstrapServers) {
        this.settings = settings;
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts the broker and returns once it answers, reporting progress lines to {@code progress}. */
    public static EmbeddedBroker start(Settings settings, Consumer<String> progress) {
        try {
            Files.createDirectories(settings.dir().resolve("log"));
            stopStaleBroker(settings.dir(), progress);
            int port = settings.port() == 0 ? freePort() : settings.port();
            int controllerPort = freePort();
            Path config = writeConfig(settings.dir(), port, controllerPort);
            progress.accept("starting embedded Kafka broker on 127.0.0.1:" + port + " (data in "
                    + settings.dir().resolve("log") + ")");
            Process process = launch(settings, config);
            Files.writeString(settings.dir().resolve("broker.pid"), Long.toString(process.pid()));
            EmbeddedBroker broker = new EmbeddedBroker(settings, process, "127.0.0.1:" + port);
            broker.awaitReady(progress);
            return broker;
        } catch (IOException e) {
            throw new KubemateException("cannot start the embedded broker in " + settings.dir() + ": " + e, e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the broker without a clean shutdown (SIGKILL), as a crash would. For failure tests. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Closes the broker's standard input, as this process's death would. For tests of the orphan guard. */
    void closeStdinForTest() throws IOException {
        process.getOutputStream().close();
    }

    /** Stops the broker cleanly (SIGTERM, controlled shutdown), killing it if it takes longer than 30 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Consumer<String> progress) {
        Instant deadline = Instant.now().plus(settings.startTimeout());
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        Instant started = Instant.now();
        long nextReport = 5;
        try (Admin admin = Admin.create(config)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new KubemateException("the embedded broker exited with code " + process.exitValue()
                            + " during start; see " + logFile(settings.dir()) + "\n" + tail(logFile(settings.dir())));
                }
                try {
                    int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
                            .nodes()
                            .get(3, TimeUnit.SECONDS)
                            .size();
                    if (nodes > 0) {
                        progress.accept("embedded Kafka broker ready in "
                                + Duration.between(started, Instant.now()).toMillis() + " ms");
                        return;
                    }
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                        throw new KubemateException("interrupted while waiting for the embedded broker", e);
                    }
                    // not up yet
                }
                if (Instant.now().isAfter(deadline)) {
                    close();
                    throw new KubemateException("the embedded broker did not answer within " + settings.startTimeout()
                            + "; see " + logFile(settings.dir()) + "\n" + tail(logFile(settings.dir())));
                }
                long waited = Duration.between(started, Instant.now()).toSeconds();
                if (waited >= nextReport) {
                    progress.accept("  still waiting for the broker (" + waited + " s) ...");
                    nextReport += 5;
                }
            }
        }
    }

    private static Process launch(Settings settings, Path config) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xms64m",
                "-Xmx" + settings.heap(),
                "-XX:+UseG1GC",
                "-XX:MaxGCPauseMillis=20",
                "-Djava.awt.headless=true",
                "-Dlogback.configurationFile=logback-broker.xml",
                "-Dkubemate.broker.log=" + logFile(settings.dir()),
                "-cp",
                System.getProperty("java.class.path"),
                KubemateBrokerCli.class.getName(),
                config.toString()));
        Path console = settings.dir().resolve("broker-console.log");
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()))
                .start();
    }

    private static Path writeConfig(Path dir, int port, int controllerPort) throws IOException {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.put("log.dirs", dir.resolve("log").toAbsolutePath().toString());
        p.put("num.partitions", "6");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "6");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // the default 128 MiB dedupe buffer sits on the heap; compaction of our topics needs far less
        p.put("log.cleaner.dedupe.buffer.size", "8388608");
        // a restart after a crash waits for the old registration to expire: keep that short
        p.put("broker.session.timeout.ms", "2000");
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("message.max.bytes", Integer.toString(32 * 1024 * 1024));
        p.put("auto.create.topics.enable", "false");
        Path config = dir.resolve("server.properties");
        try (Writer writer = Files.newBufferedWriter(config)) {
            p.store(writer, "written by Kubemate at every start of the embedded broker");
        }
        return config;
    }

    /** A broker left running by a Kubemate process that could not stop it holds the log directory's lock. */
    private static void stopStaleBroker(Path dir, Consumer<String> progress) throws IOException {
        Path pidFile = dir.resolve("broker.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> stale;
        try {
            stale = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (NumberFormatException e) {
            stale = Optional.empty();
        }
        Optional<ProcessHandle> broker = stale.filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().orElse("").contains(KubemateBrokerCli.class.getName()));
        if (broker.isPresent()) {
            progress.accept(
                    "stopping a stale embedded broker (pid " + broker.get().pid() + ")");
            broker.get().destroy();
            try {
                broker.get().onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                broker.get().destroyForcibly();
            }
        }
        Files.deleteIfExists(pidFile);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    static Path logFile(Path dir) {
        return dir.resolve("broker.log");
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no broker log)";
        }
    }
}
