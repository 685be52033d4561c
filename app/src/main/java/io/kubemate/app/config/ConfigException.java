package io.kubemate.app.config;

import io.kubemate.core.error.KubemateException;
import java.util.List;

/** The configuration is invalid; {@link #problems()} lists every problem found, one line each. */
public final class ConfigException extends KubemateException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("invalid configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
