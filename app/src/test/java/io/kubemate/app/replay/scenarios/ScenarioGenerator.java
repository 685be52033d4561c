package io.kubemate.app.replay.scenarios;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the labelled replay scenarios of {@code scenarios/} (see its README). Deterministic: every run writes the
 * same bytes, and {@code ScenarioFilesTest} fails when the committed files differ from what this generates.
 *
 * <p>Regenerate with {@code mvn -o -pl app test -Dtest=ScenarioFilesTest -Dkubemate.scenarios.write=true}.
 */
public final class ScenarioGenerator {
    private ScenarioGenerator() {}

    /** File name to content, in the order of the README. */
    public static Map<String, String> generate() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("db-pool-exhaustion.ndjson", DbPoolExhaustion.generate());
        files.put("payments-bad-deploy.ndjson", PaymentsBadDeploy.generate());
        files.put("node-memory-pressure.ndjson", NodeMemoryPressure.generate());
        files.put("flapping-disk-amid-inventory.ndjson", FlappingDiskAmidInventory.generate());
        files.put("redis-latency-cascade.ndjson", RedisLatencyCascade.generate());
        return files;
    }

    /** Writes every scenario into {@code dir}. */
    public static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> file : generate().entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args.length > 0 ? args[0] : "../scenarios"));
    }
}
