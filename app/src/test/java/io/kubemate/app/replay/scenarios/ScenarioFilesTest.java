package io.kubemate.app.replay.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed scenarios are exactly what {@link ScenarioGenerator} makes. To regenerate after changing the
 * generator: {@code mvn -o -pl app test -Dtest=ScenarioFilesTest -Dkubemate.scenarios.write=true}.
 */
class ScenarioFilesTest {
    static final Path DIR = Path.of("..", "scenarios");

    @Test
    void committedScenariosMatchTheGenerator() throws Exception {
        if (Boolean.getBoolean("kubemate.scenarios.write")) {
            ScenarioGenerator.write(DIR);
        }
        Map<String, String> generated = ScenarioGenerator.generate();

        assertThat(generated).hasSizeGreaterThanOrEqualTo(5);
        for (Map.Entry<String, String> file : generated.entrySet()) {
            assertThat(Files.readString(DIR.resolve(file.getKey()), StandardCharsets.UTF_8))
                    .as(
                            "scenarios/%s is what the generator makes (regenerate with -Dkubemate.scenarios.write=true)",
                            file.getKey())
                    .isEqualTo(file.getValue());
        }
    }

    @Test
    void generatingTwiceGivesTheSameBytes() {
        assertThat(ScenarioGenerator.generate()).isEqualTo(ScenarioGenerator.generate());
    }
}
