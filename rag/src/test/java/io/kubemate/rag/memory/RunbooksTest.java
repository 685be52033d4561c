package io.kubemate.rag.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.rag.store.VectorRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbooksTest {
    private static final String POOL =
            """
            # Connection pool
            When HikariPool says a connection is not available.

            ## Mitigation
            Raise maximumPoolSize, look for leaks.

            ```
            # not a heading, a shell comment
            kubectl rollout undo deploy/checkout
            ```
            """;

    @TempDir
    Path dir;

    private final ExactVectorStore store = new ExactVectorStore(WordHashEmbedder.DIMENSION);

    @Test
    void chunksByHeadingWithPathHeadingAsSource() throws IOException {
        write("db/pool.md", POOL);

        RunbookRefresh refresh = runbooks().refresh();

        assertThat(refresh).isEqualTo(new RunbookRefresh(1, 0, 0, 2));
        assertThat(store.ids()).containsExactly("runbook:db/pool.md#0", "runbook:db/pool.md#1");
        VectorRecord mitigation = store.get("runbook:db/pool.md#1");
        assertThat(mitigation.metadata())
                .containsEntry("kind", "runbook")
                .containsEntry("source", "db/pool.md#Connection pool > Mitigation");
        assertThat(mitigation.text())
                .startsWith("Connection pool > Mitigation\n")
                .contains("# not a heading, a shell comment", "rollout undo");
    }

    @Test
    void cutsLongSectionsNearTheChunkSize() throws IOException {
        String paragraph = "Check the consumer lag and the rebalance logs before scaling. ".repeat(6);
        write("kafka.md", "# Lag\n\n" + (paragraph + "\n\n").repeat(20) + "word".repeat(900));

        runbooks().refresh();

        assertThat(store.ids()).hasSizeGreaterThan(5);
        assertThat(store.ids()).allSatisfy(id -> assertThat(store.get(id).text())
                .hasSizeLessThanOrEqualTo(800)
                .startsWith("Lag\n"));
    }

    @Test
    void reindexesOnlyChangedFilesAndDropsChunksThatNoLongerExist() throws IOException {
        Runbooks runbooks = runbooks();
        write("db/pool.md", POOL);
        write("dns.md", "# DNS\nCheck CoreDNS.");
        runbooks.refresh();

        assertThat(runbooks.refresh()).isEqualTo(new RunbookRefresh(0, 2, 0, 0));

        write("db/pool.md", "# Connection pool\nOnly one section now.");
        assertThat(runbooks.refresh()).isEqualTo(new RunbookRefresh(1, 1, 0, 1));
        assertThat(store.ids()).containsExactly("runbook:db/pool.md#0", "runbook:dns.md#0");
        assertThat(store.get("runbook:db/pool.md#0").text()).contains("Only one section now.");
    }

    @Test
    void aTouchedFileWithTheSameContentIsNotReembedded() throws IOException {
        Runbooks runbooks = runbooks();
        Path file = write("dns.md", "# DNS\nCheck CoreDNS.");
        runbooks.refresh();

        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));

        assertThat(runbooks.refresh()).isEqualTo(new RunbookRefresh(0, 1, 0, 0));
    }

    @Test
    void deletesTheChunksOfRemovedFiles() throws IOException {
        Runbooks runbooks = runbooks();
        Path pool = write("db/pool.md", POOL);
        write("dns.md", "# DNS\nCheck CoreDNS.");
        runbooks.refresh();

        Files.delete(pool);

        assertThat(runbooks.refresh()).isEqualTo(new RunbookRefresh(0, 1, 1, 0));
        assertThat(store.ids()).containsExactly("runbook:dns.md#0");
    }

    @Test
    void redactsBeforeEmbeddingAndIgnoresOtherFiles() throws IOException {
        write("secrets.md", "# Vault\nThe root token is s.hunter2");
        write("notes.txt", "# Not markdown\ntext");

        new Runbooks(
                        store,
                        new WordHashEmbedder(),
                        s -> s.replace("s.hunter2", "[REDACTED]"),
                        RunbookSettings.of(dir),
                        Clock.systemUTC())
                .refresh();

        assertThat(store.ids()).containsExactly("runbook:secrets.md#0");
        assertThat(store.get("runbook:secrets.md#0").text())
                .doesNotContain("hunter2")
                .contains("[REDACTED]");
    }

    @Test
    void withoutADirectoryThereIsNothingToDo() {
        Runbooks none =
                new Runbooks(store, new WordHashEmbedder(), s -> s, RunbookSettings.of(null), Clock.systemUTC());

        assertThat(none.refresh()).isEqualTo(new RunbookRefresh(0, 0, 0, 0));
        assertThat(store.count()).isZero();
    }

    private Runbooks runbooks() {
        return new Runbooks(store, new WordHashEmbedder(), s -> s, RunbookSettings.of(dir), Clock.systemUTC());
    }

    private Path write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }
}
