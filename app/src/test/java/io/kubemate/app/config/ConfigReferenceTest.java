package io.kubemate.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {
    @Test
    void docsConfigurationMdIsGeneratedFromTheSettingsTable() throws Exception {
        Path doc = Path.of("..", "docs", "configuration.md");

        assertThat(Files.readString(doc))
                .as("docs/configuration.md is stale: run ./kubemate config-doc > docs/configuration.md")
                .isEqualTo(ConfigReference.markdown());
    }

    @Test
    void listsEveryKey() {
        String markdown = ConfigReference.markdown();

        for (Setting setting : Setting.values()) {
            assertThat(markdown).contains("`" + setting.envName() + "`");
        }
    }
}
