/**
 * The durable Kafka writer: one idempotent producer ({@code acks=all}) behind the core {@code AlertSink} and
 * {@code IncidentSink} ports. Entry points: {@link io.kubemate.ingest.kafka.KafkaEventWriter} and
 * {@link io.kubemate.ingest.kafka.ProducerSettings}.
 */
package io.kubemate.ingest.kafka;
