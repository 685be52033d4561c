package io.kubemate.webhooks.fuzz;

import org.junit.jupiter.api.Test;

/** Hostile bodies to {@code POST /webhooks/alertmanager}; see {@link Fuzzer} for what is checked. */
class AlertmanagerFuzzTest {
    @Test
    void hostileAlertmanagerBodiesGet4xxAndOnlyValidOnesReachTheSink() throws InterruptedException {
        Fuzzer.fuzz(Receivers::alertmanager);
    }
}
