package io.kubemate.app.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code kubemate run} as a real separate process from the packaged jar, for crash tests. */
final class KubemateProcess implements AutoCloseable {
    private static final Pattern PORT = Pattern.compile("HTTP server listening on port (\\d+)");

    private final Process process;
    private final Path log;
    private final int port;

    private KubemateProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code kubemate run} with {@code env} and waits until it is ready. */
    static KubemateProcess start(Map<String, String> env, Path log) throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        String classpath = target.resolve("kubemate.jar") + ":" + target.resolve("lib") + "/*";
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx768m",
                        "-cp",
                        classpath,
                        "io.kubemate.app.cli.KubemateCli",
                        "run"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        int[] port = new int[1];
        Await.until("kubemate run to listen (log " + log + ")", Duration.ofSeconds(120), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("kubemate exited: " + Files.readString(log));
            }
            Optional<Integer> found = portIn(Files.readString(log));
            found.ifPresent(p -> port[0] = p);
            return found.isPresent();
        });
        KubemateProcess kubemate = new KubemateProcess(process, log, port[0]);
        Http http = new Http(port[0], Optional.empty());
        Await.until(
                "kubemate to be ready",
                Duration.ofSeconds(120),
                () -> http.get("/readyz").statusCode() == 200);
        return kubemate;
    }

    private static Optional<Integer> portIn(String text) {
        Matcher m = PORT.matcher(text);
        Integer last = null;
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
        }
        return Optional.ofNullable(last);
    }

    int port() {
        return port;
    }

    /** SIGKILL: no shutdown hook, no clean close, as a crash or an OOM kill. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
