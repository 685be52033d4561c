/**
 * {@code kubemate bench}: measures webhook intake, the raw Kafka producer limit, Alertmanager as a peer, alert to
 * incident latency and peak memory, in one run against an embedded broker on 127.0.0.1.
 */
package io.kubemate.app.bench;
