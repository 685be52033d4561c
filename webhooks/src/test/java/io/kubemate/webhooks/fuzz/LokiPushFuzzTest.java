package io.kubemate.webhooks.fuzz;

import org.junit.jupiter.api.Test;

/** Hostile JSON and snappy protobuf pushes to {@code POST /loki/api/v1/push}; see {@link Fuzzer}. */
class LokiPushFuzzTest {
    @Test
    void hostileJsonPushesGet4xxAndOnlyValidOnesReachTheSink() throws InterruptedException {
        Fuzzer.fuzz(Receivers::lokiJson);
    }

    @Test
    void hostileSnappyProtobufPushesGet4xxAndOnlyValidOnesReachTheSink() throws InterruptedException {
        Fuzzer.fuzz(Receivers::lokiProtobuf);
    }
}
