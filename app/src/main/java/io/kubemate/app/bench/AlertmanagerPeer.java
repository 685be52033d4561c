package io.kubemate.app.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away Alertmanager 0.25 on 127.0.0.1 with a null receiver (ingestion only), clustering off and temporary
 * storage, as in FORMATS.md §2.1.
 */
final class AlertmanagerPeer implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
    private static final String CONFIG =
            String.join("\n", "route:", "  receiver: 'null'", "receivers:", "  - name: 'null'", "");

    private final Process process;
    private final int port;

    private AlertmanagerPeer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    static AlertmanagerPeer start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("data"));
        Path config = Files.writeString(dir.resolve("alertmanager.yml"), CONFIG);
        int port = freePort();
        Process process = new ProcessBuilder(List.of(
                        BINARY.toString(),
                        "--config.file=" + config,
                        "--storage.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--cluster.listen-address=",
                        "--log.level=warn"))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
        AlertmanagerPeer peer = new AlertmanagerPeer(process, port);
        try {
            peer.awaitReady();
        } catch (IOException | RuntimeException e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    URI alertsUri() {
        return URI.create("http://127.0.0.1:" + port + "/api/v2/alerts");
    }

    long pid() {
        return process.pid();
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("alertmanager exited with code " + process.exitValue());
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IOException("alertmanager was not ready within 30 s");
    }

    /** SIGTERM, then SIGKILL after 5 s: with a million alerts in memory a clean stop takes tens of seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
