/** Kafka administration at start: topic creation and checks. */
package io.kubemate.app.kafka;
