package io.kubemate.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** A command-line checker (amtool, promtool, kubectl) run with a deadline, its output captured. */
final class Tool {
    private static final long TIMEOUT_SECONDS = 60;

    record Result(int exitCode, String output) {}

    private Tool() {}

    /** Skips the test when {@code command} is missing, except under {@code CI=true} where .ci/run installs it. */
    static void required(String command, String debianPackage) {
        if ("true".equals(System.getenv("CI"))) {
            assertThat(onPath(command))
                    .as(command + " must be installed in CI (.ci/run installs " + debianPackage + ")")
                    .isTrue();
        }
        Assumptions.assumeTrue(onPath(command), command + " is not installed (apt-get install " + debianPackage + ")");
    }

    /** Skips the test when {@code command} is missing, in CI too. */
    static void optional(String command) {
        Assumptions.assumeTrue(onPath(command), command + " is not installed");
    }

    static Result run(Path directory, String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("kubemate-tool", ".out");
        try {
            Process process = new ProcessBuilder(List.of(command))
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + "s");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
