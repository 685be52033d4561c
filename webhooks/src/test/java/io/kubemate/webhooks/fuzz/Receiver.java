package io.kubemate.webhooks.fuzz;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

/**
 * A receiver under fuzz and what the fuzzer must know of it.
 *
 * @param name for the report: {@code alertmanager}, {@code loki-json}, ...
 * @param contentType what its senders send
 * @param missingTypeParsed whether a request without {@code Content-Type} is parsed (else it gets 415)
 * @param inflatesGzip whether it undoes {@code Content-Encoding: gzip} (else any encoding is refused with 415)
 * @param valid a real body it accepts, sent after the fuzz to show the service still works
 * @param bodies the body generator (hostile bodies in the receiver's own format)
 * @param offlineRecords how many records its parser makes of a case (throws when it rejects it), computed apart from
 *     the server to check what reached the sink
 * @param sinkRecords how many records reached its sink so far
 * @param clearSink forgets what reached the sink (so the heap is measured without it)
 * @param acceptedTypes further {@code Content-Type} values it parses (case and parameter variants, other formats)
 * @param extraHeaders headers some cases add (CloudEvents binary mode attributes); empty maps for most receivers
 */
record Receiver(
        String name,
        String path,
        String contentType,
        boolean missingTypeParsed,
        boolean inflatesGzip,
        byte[] valid,
        Function<Random, Hostile> bodies,
        ToIntFunction<FuzzCase> offlineRecords,
        IntSupplier sinkRecords,
        Runnable clearSink,
        List<String> acceptedTypes,
        Function<Random, Map<String, String>> extraHeaders) {}
