package io.kubemate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubemateCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return KubemateCli.run(List.of(args), new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    void helpListsEveryCommandWithOneLineEach() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString()).contains("  run ", "  demo [--once]", "  bench ingest", "  config-doc");
    }

    @Test
    void unknownCommandExitsWithUsageError() {
        assertThat(run("deploy")).isEqualTo(2);

        assertThat(err.toString()).contains("unknown command 'deploy'").contains("usage: kubemate");
    }

    @Test
    void configDocPrintsTheReference() {
        assertThat(run("config-doc")).isZero();

        assertThat(out.toString()).startsWith("# Configuration reference").contains("KUBEMATE_KAFKA_BOOTSTRAP");
    }

    @Test
    void demoRejectsUnknownOptions() {
        assertThat(run("demo", "--twice")).isEqualTo(2);

        assertThat(err.toString()).contains("usage: kubemate demo [--once]");
    }
}
