package io.kubemate.app.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.app.Kubemate;
import io.kubemate.app.config.KubemateConfig;
import io.kubemate.app.config.Setting;
import io.kubemate.core.error.KubemateException;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Replays recordings against one Kubemate instance and scores each: either an embedded instance it starts (and
 * stops on {@link #close()}) or a running one at a URL.
 *
 * <p>Kubemate correlates on receipt time, so the embedded instance's correlation window, resolve-after and flap
 * window are divided by the replay speed: at speed 30 a 10-minute window is 20 s of wall clock, which is what the
 * recording's 10 minutes take to replay. A running target keeps its own settings; replay it at speed 1, or scale
 * them there the same way.
 */
public final class Replayer implements AutoCloseable {
    private static final Duration STREAMS_START = Duration.ofSeconds(120);

    /**
     * How to replay.
     *
     * @param speed recording time runs this many times faster than the wall clock
     * @param quiet the incidents count as settled after this long without a change
     * @param timeout the longest wait for them to settle after the last record
     */
    public record Settings(double speed, Duration quiet, Duration timeout) {
        public Settings {
            if (!(speed > 0) || Double.isInfinite(speed)) {
                throw new IllegalArgumentException("speed must be a positive number");
            }
        }
    }

    private final Settings settings;
    private final URI target;
    private final Optional<String> token;
    private final Consumer<String> progress;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Kubemate embedded;
    private final Path dataDir;

    private Replayer(
            Settings settings,
            URI target,
            Optional<String> token,
            Consumer<String> progress,
            Kubemate embedded,
            Path dataDir) {
        this.settings = settings;
        this.target = target;
        this.token = token;
        this.progress = progress;
        this.embedded = embedded;
        this.dataDir = dataDir;
    }

    /** Replays against the running Kubemate at {@code target}, with {@code token} as bearer token if given. */
    public static Replayer remote(URI target, Optional<String> token, Settings settings, Consumer<String> progress) {
        return new Replayer(settings, target, token, progress, null, null);
    }

    /**
     * Starts Kubemate in this process on an embedded broker, a temporary data directory (deleted on close) and a
     * free port, with {@code environment}'s other {@code KUBEMATE_*} settings and the correlation durations scaled
     * by the speed; waits until its streams run.
     */
    public static Replayer embedded(Map<String, String> environment, Settings settings, Consumer<String> progress)
            throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory("kubemate-replay-");
        KubemateConfig config = KubemateConfig.load(embeddedEnvironment(environment, dataDir, settings.speed()));
        Kubemate kubemate;
        try {
            kubemate = Kubemate.start(config, progress);
        } catch (RuntimeException e) {
            delete(dataDir);
            throw e;
        }
        Replayer replayer = new Replayer(
                settings,
                URI.create("http://127.0.0.1:" + kubemate.httpPort()),
                Optional.empty(),
                progress,
                kubemate,
                dataDir);
        Instant deadline = Instant.now().plus(STREAMS_START);
        while (!kubemate.isStreamsRunning()) {
            if (Instant.now().isAfter(deadline)) {
                replayer.close();
                throw new KubemateException("Kafka Streams did not reach RUNNING within " + STREAMS_START);
            }
            Thread.sleep(200);
        }
        return replayer;
    }

    /** The environment of the embedded instance: {@code environment} with the replay's overrides. */
    static Map<String, String> embeddedEnvironment(Map<String, String> environment, Path dataDir, double speed) {
        Map<String, String> env = withWindowsScaled(environment, speed);
        env.put(Setting.DATA_DIR.envName(), dataDir.toString());
        env.put(Setting.HTTP_PORT.envName(), "0");
        env.put(Setting.HTTP_HOST.envName(), "127.0.0.1");
        env.remove(Setting.KAFKA_BOOTSTRAP.envName());
        env.remove(Setting.WEBHOOK_TOKEN.envName());
        env.remove(Setting.API_TOKEN.envName());
        env.remove(Setting.CONFIG_FILE.envName());
        env.putIfAbsent(Setting.TOPIC_PARTITIONS.envName(), "2");
        return env;
    }

    /**
     * A copy of {@code environment} whose correlation window, resolve-after and flap window (as configured there,
     * config file included, or by default) are divided by {@code speed}: the settings of an instance that receives a
     * recording replayed {@code speed} times faster than recorded.
     */
    public static Map<String, String> withWindowsScaled(Map<String, String> environment, double speed) {
        KubemateConfig given = KubemateConfig.load(environment);
        Map<String, String> env = new HashMap<>(environment);
        for (Setting setting : List.of(Setting.CORRELATION_WINDOW, Setting.RESOLVE_AFTER, Setting.FLAP_WINDOW)) {
            long millis = Math.max(1, Math.round(given.duration(setting).toMillis() / speed));
            env.put(setting.envName(), millis + "ms");
        }
        return env;
    }

    /** The URL records go to. */
    public URI target() {
        return target;
    }

    /**
     * Replays {@code file} and scores it.
     *
     * @throws io.kubemate.core.error.InvalidInputException when the file is not a valid replay file
     */
    public ScenarioReport replay(Path file) throws IOException, InterruptedException {
        return replay(ReplayFile.read(file, json));
    }

    /**
     * Replays the recording {@code name} read from {@code reader} (which stays open) and scores it.
     *
     * @throws io.kubemate.core.error.InvalidInputException when it is not a valid replay file
     */
    public ScenarioReport replay(String name, Reader reader) throws IOException, InterruptedException {
        return replay(ReplayFile.read(name, reader, json));
    }

    private ScenarioReport replay(ReplayFile recording) throws IOException, InterruptedException {
        ReplayScore.Truth truth = GroundTruth.of(recording.records());
        List<ReplayRecord> records = recording.records();
        Duration recorded = Duration.between(
                records.get(0).at(), records.get(records.size() - 1).at());
        progress.accept(String.format(
                "replaying %s: %d records over %s of recording at speed %s",
                recording.name(), records.size(), human(recorded), trim(settings.speed())));
        Instant start = Instant.now();
        SendTally tally = new ReplaySender(client, target, token, json, progress).send(recording, settings.speed());
        Duration wall = Duration.between(start, Instant.now());
        IncidentSettler.Outcome outcome = new IncidentSettler(new IncidentApi(client, target, token, json))
                .await(truth, start, settings.quiet(), settings.timeout());
        List<String> errors = new ArrayList<>(tally.errors());
        if (!outcome.settled()) {
            errors.add("incidents did not settle within " + human(settings.timeout()) + " after the last record");
        }
        ReplayScore.Result score =
                ReplayScore.score(truth, new ReplayScore.Prediction(outcome.placement(), outcome.origins()));
        Map<String, ScenarioReport.Counts> sent = new LinkedHashMap<>();
        tally.counts()
                .forEach((type, c) -> sent.put(
                        type.wireName(),
                        new ScenarioReport.Counts(c.sent(), c.accepted(), c.missingEndpoint(), c.failed())));
        return new ScenarioReport(
                recording.name(),
                records.size(),
                recorded,
                wall,
                sent,
                score,
                outcome.settled(),
                outcome.originReported(),
                errors);
    }

    /** Stops the embedded instance and deletes its data; nothing for a remote target. */
    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
            try {
                delete(dataDir);
            } catch (IOException e) {
                progress.accept("could not delete " + dataDir + ": " + e);
            }
        }
    }

    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 60 ? seconds / 60 + "m" + String.format("%02d", seconds % 60) + "s" : seconds + "s";
    }

    static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
