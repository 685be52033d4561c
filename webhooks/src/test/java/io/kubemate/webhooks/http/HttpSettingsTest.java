package io.kubemate.webhooks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpSettingsTest {
    @Test
    void defaultsMatchTheDocumentedContract() {
        HttpSettings settings = HttpSettings.defaults();

        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(settings.webhookToken()).isEmpty();
        assertThat(settings.apiToken()).isEmpty();
        assertThat(settings.actionWait()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void blankTokensCountAsAbsentAndNeverShowInToString() {
        HttpSettings settings = new HttpSettings(null, 0, 10, Optional.of("  "), Optional.of("s3cr3t"), null);

        assertThat(settings.webhookToken()).isEmpty();
        assertThat(settings.apiToken()).hasValue("s3cr3t");
        assertThat(settings.toString()).doesNotContain("s3cr3t").contains("apiToken=***");
    }

    @Test
    void namedTokensNeverShowTheirSecretAndTheSingleTokenJoinsThemWithEveryScope() {
        HttpSettings settings = HttpSettings.defaults()
                .withApiToken("single-secret")
                .withApiTokens(ApiTokens.parse("ops:read:named-secret"));

        assertThat(settings.toString())
                .doesNotContain("single-secret", "named-secret")
                .contains("ops");
        assertThat(settings.allApiTokens())
                .extracting(ApiToken::name)
                .containsExactly("ops", HttpSettings.SINGLE_TOKEN_NAME);
        assertThat(settings.allApiTokens().get(1).scopes()).containsExactlyInAnyOrder(ApiScope.values());
    }

    @Test
    void rejectsImpossibleValues() {
        assertThatThrownBy(() -> HttpSettings.defaults().withPort(70_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpSettings.defaults().withMaxBodyBytes(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpSettings.defaults().withActionWait(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
