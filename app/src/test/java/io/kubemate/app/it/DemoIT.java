package io.kubemate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubemate demo --once} as a user runs it: a separate process on embedded everything, exit 0. */
class DemoIT {
    @TempDir
    Path dir;

    @Test
    void demoOnceTurnsTheStormIntoThreeIncidentsAndExitsZero() throws Exception {
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
        builder.environment().put("KUBEMATE_RESOLVE_AFTER", "3s");
        Process demo = builder.start();

        boolean finished = demo.waitFor(4, TimeUnit.MINUTES);
        String output = Files.readString(log);
        if (!finished) {
            demo.destroyForcibly();
        }

        assertThat(finished).as("demo finished in time; output:%n%s", output).isTrue();
        assertThat(demo.exitValue()).as("exit code; output:%n%s", output).isZero();
        assertThat(output)
                .contains("21 distinct alerts became 3 incidents:")
                .contains("cluster=prod-eu-1 namespace=shop")
                .contains("cluster=prod-eu-1 namespace=data")
                .contains("cluster=prod-us-1 namespace=shop")
                .contains("Every incident whose alerts all resolved is now resolved.")
                .contains("/api/v1/incidents");
    }
}
