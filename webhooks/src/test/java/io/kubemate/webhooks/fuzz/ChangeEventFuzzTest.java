package io.kubemate.webhooks.fuzz;

import org.junit.jupiter.api.Test;

/** Hostile change events and CloudEvents (structured, batch, binary mode) to {@code POST /webhooks/changes}; see {@link Fuzzer}. */
class ChangeEventFuzzTest {
    @Test
    void hostileChangeEventsGet4xxAndOnlyValidOnesReachTheSink() throws InterruptedException {
        Fuzzer.fuzz(Receivers::changes);
    }
}
