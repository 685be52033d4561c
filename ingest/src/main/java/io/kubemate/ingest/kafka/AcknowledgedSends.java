package io.kubemate.ingest.kafka;

import io.kubemate.core.error.UnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Sends records and waits until Kafka acknowledged every one, within a bounded time: the durability rule the writers
 * share ({@code acks=all} is configured on the producer).
 */
final class AcknowledgedSends {
    /** What callers are told to wait before retrying after a failed append. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private static final Duration WAIT_MARGIN = Duration.ofSeconds(1);

    private AcknowledgedSends() {}

    /**
     * Returns once every record is acknowledged.
     *
     * @param what the records, for the error message ("3 alert(s)")
     * @throws UnavailableException when one was not acknowledged within {@code deliveryTimeout} plus a margin
     */
    static void sendAndAwait(
            Producer<byte[], byte[]> producer,
            List<ProducerRecord<byte[], byte[]>> records,
            String what,
            Duration deliveryTimeout) {
        long deadline = System.nanoTime() + deliveryTimeout.plus(WAIT_MARGIN).toNanos();
        List<Future<RecordMetadata>> pending = new ArrayList<>(records.size());
        try {
            for (ProducerRecord<byte[], byte[]> record : records) {
                Future<RecordMetadata> future = producer.send(record);
                pending.add(future);
                if (future.isDone()) {
                    // already failed (e.g. metadata timed out): surface it now instead of blocking on the next send
                    future.get();
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
            for (Future<RecordMetadata> future : pending) {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(what, "interrupted while waiting for Kafka", e);
        } catch (ExecutionException e) {
            throw unavailable(what, "Kafka did not store it: " + describe(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw unavailable(what, "Kafka did not acknowledge it within " + deliveryTimeout.toMillis() + " ms", e);
        } catch (KafkaException e) {
            throw unavailable(what, "Kafka refused it: " + e.getMessage(), e);
        }
        if (pending.size() < records.size()) {
            throw unavailable(
                    what, "Kafka did not accept all records within " + deliveryTimeout.toMillis() + " ms", null);
        }
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static UnavailableException unavailable(String what, String reason, Throwable cause) {
        return new UnavailableException("could not append " + what + ": " + reason, RETRY_AFTER, cause);
    }
}
