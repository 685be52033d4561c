package io.kubemate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatesCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String input, String... args) {
        return TemplatesCommand.run(
                List.of(args),
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsOneIdAndFinalTemplatePerInputLineFromStdin() {
        String input = "Accepted password for alice from 10.0.0.1 port 22 ssh2\n"
                + "Removed session 17.\n"
                + "Accepted password for bob from 10.0.0.2 port 23 ssh2\n";

        int code = run(input, "-");

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).split("\n", -1))
                .containsExactly(
                        // the first line already shows the template as generalised by the third
                        "T1\tAccepted password for <*> from <*> port <*> ssh2",
                        "T2\tRemoved session <*>.",
                        "T1\tAccepted password for <*> from <*> port <*> ssh2",
                        "");
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("kubemate templates: 3 lines, 2 templates");
    }

    @Test
    void readsAFileAndKeepsEmptyLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.log");
        Files.writeString(file, "started in 12ms\n\nstarted in 15ms\n");

        assertThat(run("", file.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactly("T1\tstarted in <*>", "T2\t", "T1\tstarted in <*>");
    }

    @Test
    void reportsUsageAndMissingFilesOnStderrOnly(@TempDir Path dir) {
        assertThat(run("")).isEqualTo(2);
        assertThat(run("", dir.resolve("missing.log").toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("usage: kubemate templates")
                .contains("no such file");
    }
}
