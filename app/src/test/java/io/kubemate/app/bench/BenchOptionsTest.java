package io.kubemate.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
    @Test
    void defaultsMatchTheDocumentedMethod() {
        BenchOptions o = BenchOptions.parse(List.of());
        assertThat(o).isEqualTo(new BenchOptions(20, 5, 8, 100, 10_000, 1, false, 50, 1000));
        assertThat(o.postsPerSecond()).isEqualTo(100.0);
    }

    @Test
    void parsesEveryOption() {
        BenchOptions o = BenchOptions.parse(List.of(
                "--seconds",
                "3",
                "--warmup",
                "0",
                "--connections",
                "2",
                "--batch",
                "10",
                "--rate",
                "500",
                "--runs",
                "3",
                "--skip-alertmanager",
                "--scopes",
                "7",
                "--incident-size",
                "40"));
        assertThat(o).isEqualTo(new BenchOptions(3, 0, 2, 10, 500, 3, true, 7, 40));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--seconds"))).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--seconds", "x"))).hasMessageContaining("whole number");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--runs", "0"))).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--nope", "1"))).hasMessageContaining("unknown option");
    }

    @Test
    void helpAndUnknownSubcommandPrintUsageAndExit2() {
        assertThat(run(List.of("--help"))).startsWith("usage: kubemate bench ingest");
        assertThat(run(List.of())).contains("missing subcommand").contains("usage:");
        assertThat(run(List.of("egest"))).contains("unknown bench subcommand: egest");
        assertThat(run(List.of("ingest", "--connections", "-1"))).contains("--connections must be at least 1");
    }

    private static String run(List<String> args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = BenchCommand.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
