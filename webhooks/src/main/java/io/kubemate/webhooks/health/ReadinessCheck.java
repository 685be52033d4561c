package io.kubemate.webhooks.health;

/**
 * One dependency {@code /readyz} asks about (e.g. "kafka": {@code writer.isReachable(Duration.ofSeconds(1))}).
 * Implementations should answer within about a second and must not throw; a thrown exception counts as not ready.
 */
public interface ReadinessCheck {
    /** A short stable name shown in the readiness answer, e.g. {@code kafka}. */
    String name();

    /** Whether the dependency is usable right now. */
    boolean isReady();

    /** A check from a name and a supplier. */
    static ReadinessCheck of(String name, java.util.function.BooleanSupplier ready) {
        return new ReadinessCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean isReady() {
                return ready.getAsBoolean();
            }
        };
    }
}
