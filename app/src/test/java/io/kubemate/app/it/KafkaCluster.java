package io.kubemate.app.it;

import io.kubemate.app.broker.KubemateBrokerCli;
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
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * A real three-node Apache Kafka KRaft cluster on 127.0.0.1: three separate broker processes (each broker and
 * controller, a static quorum of all three), started from this JVM's classpath through {@link KubemateBrokerCli}.
 * Internal topics are replicated three times with two in sync, so one node can die without losing an acknowledged
 * write. A node's process exits when this JVM does (its standard input closes), so nothing outlives the test.
 */
final class KafkaCluster implements AutoCloseable {
    static final int NODES = 3;

    private final Path dir;
    private final int[] ports = new int[NODES];
    private final int[] controllerPorts = new int[NODES];
    private final Process[] processes = new Process[NODES];

    private KafkaCluster(Path dir) {
        this.dir = dir;
    }

    /** Starts three nodes in {@code dir} and returns once all three are in the cluster. */
    static KafkaCluster start(Path dir) throws Exception {
        KafkaCluster cluster = new KafkaCluster(dir);
        for (int i = 0; i < NODES; i++) {
            cluster.ports[i] = freePort();
            cluster.controllerPorts[i] = freePort();
        }
        try {
            for (int i = 0; i < NODES; i++) {
                cluster.writeConfig(i);
                cluster.launch(i);
            }
            cluster.awaitNodes(NODES, Duration.ofSeconds(180));
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    String bootstrapServers() {
        return java.util.Arrays.stream(ports).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    /** SIGKILL of node {@code i}: no controlled shutdown, as a crash. */
    void kill(int i) throws InterruptedException {
        processes[i].destroyForcibly();
        processes[i].waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts node {@code i} again on its kept log directory and ports. */
    void restart(int i) throws IOException {
        launch(i);
    }

    boolean isAlive(int i) {
        return processes[i] != null && processes[i].isAlive();
    }

    /** Waits until {@code n} nodes answer as members of the cluster. */
    void awaitNodes(int n, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            while (true) {
                for (int i = 0; i < NODES; i++) {
                    if (processes[i] != null && !processes[i].isAlive() && processes[i].exitValue() != 137) {
                        throw new IllegalStateException(
                                "kafka node " + i + " exited with " + processes[i].exitValue() + ": " + tail(i));
                    }
                }
                try {
                    int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
                            .nodes()
                            .get(3, TimeUnit.SECONDS)
                            .size();
                    if (nodes >= n) {
                        return;
                    }
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // not up yet
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the cluster did not reach " + n + " nodes within " + timeout);
                }
                Thread.sleep(200);
            }
        }
    }

    @Override
    public void close() {
        for (Process process : processes) {
            if (process != null) {
                process.destroyForcibly();
            }
        }
        for (Process process : processes) {
            if (process != null) {
                try {
                    process.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private Path nodeDir(int i) {
        return dir.resolve("node-" + (i + 1));
    }

    private void writeConfig(int i) throws IOException {
        Files.createDirectories(nodeDir(i).resolve("log"));
        List<String> voters = new ArrayList<>();
        for (int v = 0; v < NODES; v++) {
            voters.add((v + 1) + "@127.0.0.1:" + controllerPorts[v]);
        }
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(i + 1));
        p.put("controller.quorum.voters", String.join(",", voters));
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + ports[i] + ",CONTROLLER://127.0.0.1:" + controllerPorts[i]);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + ports[i]);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.put("log.dirs", nodeDir(i).resolve("log").toAbsolutePath().toString());
        p.put("num.partitions", "3");
        p.put("default.replication.factor", "3");
        p.put("min.insync.replicas", "2");
        p.put("offsets.topic.replication.factor", "3");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "3");
        p.put("transaction.state.log.min.isr", "2");
        p.put("transaction.state.log.num.partitions", "6");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.cleaner.dedupe.buffer.size", "8388608");
        // Kafka's default session (9 s): shorter ones let a starved controller fence live brokers on a busy box
        p.put("message.max.bytes", Integer.toString(32 * 1024 * 1024));
        p.put("auto.create.topics.enable", "false");
        try (Writer writer = Files.newBufferedWriter(nodeDir(i).resolve("server.properties"))) {
            p.store(writer, "node " + (i + 1) + " of the fault-test cluster");
        }
    }

    private void launch(int i) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(
                java,
                "-Xms64m",
                "-Xmx384m",
                "-XX:+UseG1GC",
                "-XX:MaxGCPauseMillis=20",
                "-Djava.awt.headless=true",
                "-Dlogback.configurationFile=logback-broker.xml",
                "-Dkubemate.broker.log=" + nodeDir(i).resolve("broker.log"),
                "-cp",
                System.getProperty("java.class.path"),
                KubemateBrokerCli.class.getName(),
                nodeDir(i).resolve("server.properties").toString());
        processes[i] = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        nodeDir(i).resolve("console.log").toFile()))
                .start();
    }

    private String tail(int i) {
        try {
            String log = Files.readString(nodeDir(i).resolve("console.log"));
            return log.substring(Math.max(0, log.length() - 2000));
        } catch (IOException e) {
            return "(no console log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
