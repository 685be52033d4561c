package io.kubemate.app.replay;

import io.kubemate.core.error.InvalidInputException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code kubemate replay FILE...}: the entry point the command line calls with the arguments after {@code replay}. */
public final class ReplayCommand {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private ReplayCommand() {}

    /**
     * Replays every file in turn against one instance and prints the figures (a table on {@code out}, or JSON with
     * {@code --json}); progress goes to {@code err}. Returns 0 when every record was delivered or answered 404 for a
     * receiver not there yet and every replay settled, 1 on any other failure, 2 on a usage error or a bad file.
     */
    public static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err)
            throws InterruptedException {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(ReplayOptions.USAGE);
            return OK;
        }
        ReplayOptions options;
        try {
            options = ReplayOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("kubemate replay: " + e.getMessage());
            err.print(ReplayOptions.USAGE);
            return USAGE;
        }
        for (Path file : options.files()) {
            if (!Files.isReadable(file)) {
                err.println("kubemate replay: cannot read " + file);
                return USAGE;
            }
        }
        Replayer.Settings settings = new Replayer.Settings(options.speed(), options.quiet(), options.timeout());
        List<ScenarioReport> reports = new ArrayList<>();
        try (Replayer replayer = options.target().isPresent()
                ? Replayer.remote(options.target().get(), options.token(), settings, line -> progress(err, line))
                : Replayer.embedded(environment, settings, line -> progress(err, line))) {
            if (options.target().isPresent() && options.speed() != 1) {
                progress(
                        err,
                        "the target correlates on its own clock: at speed " + Replayer.trim(options.speed())
                                + " its windows see the recording compressed unless they are scaled the same way");
            }
            for (Path file : options.files()) {
                reports.add(replayer.replay(file));
            }
        } catch (InvalidInputException e) {
            err.println("kubemate replay: " + e.field() + ": " + e.getMessage());
            return USAGE;
        } catch (IOException e) {
            err.println("kubemate replay: " + e);
            return FAILED;
        }
        print(reports, options.json(), out);
        return reports.stream().allMatch(ScenarioReport::isClean) ? OK : FAILED;
    }

    /** Prints {@code reports}: the table, or one JSON document when {@code json}. */
    public static void print(List<ScenarioReport> reports, boolean json, PrintStream out) {
        if (json) {
            ReplayReport.json(reports, out);
        } else {
            ReplayReport.table(reports, out);
        }
    }

    private static void progress(PrintStream err, String line) {
        err.println("replay: " + line);
    }
}
