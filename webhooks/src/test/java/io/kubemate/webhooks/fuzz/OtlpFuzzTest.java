package io.kubemate.webhooks.fuzz;

import org.junit.jupiter.api.Test;

/** Hostile OTLP/HTTP requests, protobuf and JSON, to {@code /v1/traces} and {@code /v1/logs}; see {@link Fuzzer}. */
class OtlpFuzzTest {
    @Test
    void hostileProtobufTracesGet4xxAndOnlyValidOnesReachTheSink() throws InterruptedException {
        Fuzzer.fuzz(Receivers::otlpTracesProtobuf);
    }

    @Test
    void hostileProtobufLogsGet4xxAndOnlyValidOnesReachTheSink() throws InterruptedException {
        Fuzzer.fuzz(Receivers::otlpLogsProtobuf);
    }

    @Test
    void hostileJsonTracesGet4xxAndOnlyValidOnesReachTheSink() throws InterruptedException {
        Fuzzer.fuzz(Receivers::otlpTracesJson);
    }

    @Test
    void hostileJsonLogsGet4xxAndOnlyValidOnesReachTheSink() throws InterruptedException {
        Fuzzer.fuzz(Receivers::otlpLogsJson);
    }
}
