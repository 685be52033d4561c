package io.kubemate.app.cli;

import io.kubemate.app.Kubemate;
import io.kubemate.app.bench.BenchCommand;
import io.kubemate.app.config.ConfigException;
import io.kubemate.app.config.ConfigReference;
import io.kubemate.app.config.KubemateConfig;
import io.kubemate.app.config.Setting;
import io.kubemate.app.demo.DemoRunner;
import io.kubemate.app.replay.ReplayCommand;
import io.kubemate.core.error.KubemateException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/** The {@code kubemate} command line. The only class that exits the process. */
public final class KubemateCli {
    static final String USAGE =
            """
            usage: kubemate <command> [options]

            commands:
              run                 serve webhooks and the incident API on the configured Kafka (embedded when none)
              demo [--once]       replay a bundled incident (alerts, logs, traces, a deploy); print evidence, origin, summary
              replay FILE [...]   replay labelled NDJSON recordings and score the incidents (replay --help)
              bench ingest [...]  measure webhook intake against Alertmanager and a raw producer, and latency
              bench templates     JMH: lines/s of the log template miner on the labelled corpus, one thread
              bench rag [...]     embeddings/s, Lucene top-10 p50/p99 and recall@10 (bench rag --help)
              bench rag-context   redaction + retrieval + prompt per incident, 10k stored incidents
              bench soak          steady load for --minutes (10): Kubemate and broker RSS, streams lag
              templates FILE|-    mine log templates; prints template-id<TAB>template for each input line
              config-doc          print the configuration reference (markdown) generated from the settings table
              --help              show this text

            Configuration comes from KUBEMATE_* environment variables; see docs/configuration.md.
            """;

    private KubemateCli() {}

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        String command = args.isEmpty() ? "--help" : args.get(0);
        List<String> rest = args.subList(Math.min(1, args.size()), args.size());
        try {
            return switch (command) {
                case "run" -> serve();
                case "demo" -> demo(rest, out, err);
                case "bench" -> BenchCommand.run(rest, out);
                case "templates" -> TemplatesCommand.run(rest, System.in, out, err);
                case "replay" -> ReplayCommand.run(rest, System.getenv(), out, err);
                case "config-doc" -> {
                    out.print(ConfigReference.markdown());
                    yield 0;
                }
                case "--help", "-h", "help" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> {
                    err.println("kubemate: unknown command '" + command + "'");
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (ConfigException e) {
            err.println("kubemate: " + e.getMessage());
            return 2;
        } catch (KubemateException e) {
            err.println("kubemate: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (IOException e) {
            err.println("kubemate: " + e);
            return 1;
        }
    }

    private static int serve() throws InterruptedException {
        KubemateConfig config = KubemateConfig.fromEnvironment();
        Kubemate kubemate = Kubemate.start(config, line -> System.err.println("kubemate: " + line));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            kubemate.close();
                            stopped.countDown();
                        },
                        "kubemate-shutdown"));
        System.err.println("kubemate: ready: POST http://<host>:" + kubemate.httpPort()
                + "/webhooks/alertmanager, GET /api/v1/incidents (Ctrl-C or SIGTERM stops)");
        stopped.await();
        return 0;
    }

    private static int demo(List<String> args, PrintStream out, PrintStream err)
            throws InterruptedException, IOException {
        boolean once = args.contains("--once");
        if (args.stream().anyMatch(a -> !a.equals("--once"))) {
            err.println("usage: kubemate demo [--once]");
            return 2;
        }
        KubemateConfig config = KubemateConfig.fromEnvironment(DemoRunner::environment);
        wipe(config.path(Setting.DATA_DIR).orElseThrow());
        return new DemoRunner(config, out).run(once);
    }

    private static void wipe(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
