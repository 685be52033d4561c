package io.kubemate.app.config;

/** Renders the configuration reference ({@code docs/configuration.md}) from the {@link Setting} table. */
public final class ConfigReference {
    private ConfigReference() {}

    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n")
                .append("Generated from `app/src/main/java/io/kubemate/app/config/Setting.java` by ")
                .append("`./kubemate config-doc > docs/configuration.md`; a test fails when this file is stale.\n\n")
                .append("Every key is an environment variable. `KUBEMATE_CONFIG_FILE` may name a Java properties ")
                .append("file with the same keys; the environment wins over the file, the file over the default. ")
                .append("All values are validated at start and every problem is reported at once.\n\n")
                .append("| key | type | default | description |\n")
                .append("|---|---|---|---|\n");
        for (Setting setting : Setting.values()) {
            String def = setting.defaultValue().isEmpty() ? "(unset)" : "`" + setting.defaultValue() + "`";
            md.append("| `")
                    .append(setting.envName())
                    .append("` | ")
                    .append(setting.type().description())
                    .append(" | ")
                    .append(def)
                    .append(" | ")
                    .append(setting.description())
                    .append(" |\n");
        }
        return md.toString();
    }
}
