package io.kubemate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubemate demo --once} as a user runs it: a separate process on embedded everything replays the bundled
 * payments-bad-deploy recording, prints the main incident with payments as its probable origin and evidence of logs,
 * traces and the deploy, and exits 0.
 */
class DemoIT {
    @TempDir
    Path dir;

    @Test
    void demoOnceShowsTheBadDeployAsProbableOriginWithItsEvidenceAndExitsZero() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        Path log = dir.resolve("demo.out");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        target.resolve("kubemate.jar") + ":" + target.resolve("lib") + "/*",
                        "io.kubemate.app.cli.KubemateCli",
                        "demo",
                        "--once"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("KUBEMATE_DATA_DIR", dir.resolve("data").toString());
        builder.environment().put("KUBEMATE_HTTP_PORT", "0");
        // whatever runs on this machine's port 11434, the demo's summary is the extractive one here
        builder.environment().put("KUBEMATE_LLM_PROVIDER", "extractive");
        Process demo = builder.start();

        boolean finished = demo.waitFor(4, TimeUnit.MINUTES);
        String output = Files.readString(log);
        if (!finished) {
            demo.destroyForcibly();
        }

        assertThat(finished).as("demo finished in time; output:%n%s", output).isTrue();
        assertThat(demo.exitValue()).as("exit code; output:%n%s", output).isZero();
        assertThat(output)
                .contains("payments-bad-deploy")
                .contains("9 distinct alerts became 3 incidents.")
                .contains("which ranks payments #1 as its probable origin.")
                .contains("/api/v1/incidents");
        assertThat(output).containsPattern("(?m)^ {4}probable origin\\R {6}1\\. payments +score ");
        assertThat(output).containsPattern("(?m)^ {6}E\\d+ +log-template +\\S");
        assertThat(output).containsPattern("(?m)^ {6}E\\d+ +(span|trace-path) +\\S");
        assertThat(output).containsPattern("(?m)^ {6}E\\d+ +change +deploy of payments v2\\.3\\.1");
        // no model runs here: the summary is extractive, says so, and blames payments
        assertThat(output).containsPattern("(?m)^ {4}summary +extractive");
        assertThat(output).containsPattern("(?m)^ {6}root cause +payments: ");
    }
}
